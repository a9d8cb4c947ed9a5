"""Tests for ingest.sources: every input kind, the bad inputs users meet, and the real corpora."""

from __future__ import annotations

import io
import json
import os
import pickle
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ingest.records import Article
from ingest.sources import InputError, date_pattern, read_inputs, run_date
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"
BAD = CORPUS / "bad-inputs"


def read(*paths: str | Path, **options) -> tuple[list[Article], list[InputError]]:
    articles, errors = [], []
    for item in read_inputs([str(path) for path in paths], **options):
        (articles if isinstance(item, Article) else errors).append(item)
    return articles, errors


def read_one_article(path: str | Path, **options) -> Article:
    articles, errors = read(path, **options)
    assert errors == [] and len(articles) == 1
    return articles[0]


def read_one_error(path: str | Path, **options) -> InputError:
    articles, errors = read(path, **options)
    assert articles == [] and len(errors) == 1
    return errors[0]


needs_bad_inputs = pytest.mark.skipif(not BAD.is_dir(), reason="shared/corpus/bad-inputs absent")


# --- the bad inputs of shared/corpus (see its README) ------------------------------------


@needs_bad_inputs
@pytest.mark.parametrize(
    ("name", "message"), [("empty.txt", "empty"), ("whitespace-only.txt", "whitespace")]
)
def test_empty_files_are_skipped_and_reported(name, message):
    error = read_one_error(BAD / name)
    assert error.kind == "skipped"
    assert error.source == str(BAD / name)
    assert error.line is None
    assert message in error.message


@needs_bad_inputs
def test_binary_file_is_refused_as_not_text():
    error = read_one_error(BAD / "binary.txt")
    assert error.kind == "failed"
    assert "not a text file" in error.message


@needs_bad_inputs
def test_nul_bytes_are_dropped_and_both_sentences_kept():
    article = read_one_article(BAD / "nul-bytes.txt")
    assert "\x00" not in article.text
    assert article.text == (
        "Germany said on Monday it would send more air defence systems. "
        "The ministry confirmed it.\n"
    )


@needs_bad_inputs
def test_cp1252_names_keep_their_accents():
    article = read_one_article(BAD / "cp1252.txt")
    assert article.text.startswith("François Bayrou said Paris would not accept the plan.")
    assert "The minister’s office later backed" in article.text
    assert "\ufffd" not in article.text


@needs_bad_inputs
def test_utf16_is_decoded_by_its_bom():
    article = read_one_article(BAD / "utf16-bom.txt")
    assert article.text == "Spain rejected the proposal on Tuesday. Portugal backed it.\n"


@needs_bad_inputs
def test_one_long_line_is_returned_whole_in_bounded_time():
    started = time.perf_counter()
    article = read_one_article(BAD / "one-long-line.txt")
    assert time.perf_counter() - started < 5
    assert len(article.text) == 999_999
    assert article.text.startswith("word word")


@needs_bad_inputs
def test_one_long_line_over_the_limit_is_refused():
    error = read_one_error(BAD / "one-long-line.txt", max_chars=100_000)
    assert error.kind == "failed"
    assert "too large" in error.message


@needs_bad_inputs
def test_malformed_jsonl_lands_good_records_and_reports_bad_lines():
    path = BAD / "malformed.jsonl"
    articles, errors = read(path)

    assert [a.id for a in articles] == ["ok-1", "bad-date", "ok-2"]
    assert [a.source for a in articles] == [f"{path}#ok-1", f"{path}#bad-date", f"{path}#ok-2"]
    ok_1, bad_date, _ = articles
    assert ok_1.title == "Norway pledges aid"
    assert ok_1.published_at == "2024-03-01"
    assert ok_1.text.startswith("Norway pledged to send more aid")
    assert bad_date.published_at is None

    reported = {(e.line, e.kind) for e in errors}
    assert reported == {(2, "failed"), (3, "failed"), (4, "failed"), (5, "warning")}
    by_line = {e.line: e.message for e in errors}
    assert "not valid JSON" in by_line[2]
    assert "no-text" in by_line[3] and "no text" in by_line[3]
    assert "text-not-string" in by_line[4] and "not a string" in by_line[4]
    assert "bad-date" in by_line[5] and "not a date" in by_line[5]
    assert all(e.source == str(path) for e in errors)


@needs_bad_inputs
def test_article_html_keeps_only_the_article_text():
    article = read_one_article(BAD / "article.html")
    assert article.title == "Chile backs climate fund"
    assert "Chile's president said on Wednesday the country would back" in article.text
    assert "Argentina rejected the proposal, its foreign ministry said." in article.text
    for chrome in ("tracking", "Russia demands", "color:red", "Home | World", "newsletter",
                   "cookie policy", "Read more"):
        assert chrome not in article.text


@needs_bad_inputs
def test_bad_inputs_directory_reports_each_file_and_reads_the_rest():
    articles, errors = read(BAD)
    read_files = {Path(a.source.split("#")[0]).name for a in articles}
    assert {"nul-bytes.txt", "cp1252.txt", "utf16-bom.txt", "one-long-line.txt",
            "malformed.jsonl", "article.html"} <= read_files
    failed_files = {Path(e.source).name for e in errors if e.kind != "warning"}
    assert failed_files == {"empty.txt", "whitespace-only.txt", "binary.txt", "malformed.jsonl"}
    assert all(str(e).startswith(e.source) for e in errors)


# --- plain text, directories, stdin ------------------------------------------------------


def test_text_keeps_content_and_normalizes_only_newlines(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle line\r\n\r\nOld Mac\rline  with  spaces \n")
    article = read_one_article(path)
    assert article.text == "Title line\n\nOld Mac\nline  with  spaces \n"
    assert article.source == str(path)
    assert article.title is None
    assert re.fullmatch(r"sha1:[0-9a-f]{16}", article.id)


def test_article_id_is_a_stable_hash_of_the_text(tmp_path):
    (tmp_path / "one.txt").write_text("Same words.")
    (tmp_path / "two.txt").write_text("Same words.")
    (tmp_path / "three.txt").write_text("Other words.")
    one, three, two = read(tmp_path)[0]
    assert one.id == two.id != three.id


def test_markdown_title_is_its_opening_heading(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("\n# Poland urges sanctions #\n\nPoland urged new sanctions.\n")
    article = read_one_article(path)
    assert article.title == "Poland urges sanctions"
    assert article.text.startswith("\n# Poland urges sanctions")


def test_directory_is_walked_recursively_in_sorted_order(tmp_path):
    for name in ["b.txt", "a/z.md", "a/y/x.htm", "c.jsonl", "a.txt",
                 # ignored: hidden files and folders, other extensions
                 ".hidden.txt", "a/.draft.md", ".git/HEAD.txt", "notes.pdf", "data.csv"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        content = '{"id": "r1", "text": "In JSON."}' if name.endswith("jsonl") else "Some text."
        path.write_text(f"<p>{content}</p>" if name.endswith("htm") else content)
    articles, errors = read(tmp_path)
    assert errors == []
    relative = [a.source.removeprefix(f"{tmp_path}/") for a in articles]
    assert relative == ["a/y/x.htm", "a/z.md", "a.txt", "b.txt", "c.jsonl#r1"]


def test_directory_without_readable_files_is_reported(tmp_path):
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    error = read_one_error(tmp_path)
    assert error.kind == "skipped"
    assert "no readable files" in error.message


def read_unprivileged(path: Path) -> tuple[list[Article], list[InputError]]:
    """`read(path)` as a user whom permissions bind: root reads any directory, so as root the
    reading runs in a child process that has become `nobody`."""
    if os.geteuid() != 0:
        return read(path)
    receive, send = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child's coverage is not collected)
        os.close(receive)
        os.setgid(65534)
        os.setuid(65534)
        with os.fdopen(send, "wb") as out:
            pickle.dump(read(path), out)
        os._exit(0)
    os.close(send)
    with os.fdopen(receive, "rb") as stream:
        result = pickle.load(stream)
    os.waitpid(child, 0)
    return result


@pytest.fixture
def shared_folder():
    """A folder everyone may read (pytest's tmp_path is root's alone), removed after the test."""
    folder = Path(tempfile.mkdtemp(prefix="sg-sources-"))
    folder.chmod(0o755)
    yield folder
    for directory, _, _ in os.walk(folder):
        os.chmod(directory, 0o755)
    shutil.rmtree(folder)


def test_unreadable_subdirectory_fails_and_the_rest_is_read(shared_folder):
    (shared_folder / "a.txt").write_text("Readable.")
    locked = shared_folder / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text("Never read.")
    (shared_folder / "z.txt").write_text("Also readable.")
    for path in (shared_folder / "a.txt", shared_folder / "z.txt"):
        path.chmod(0o644)
    locked.chmod(0o000)
    articles, errors = read_unprivileged(shared_folder)
    assert [a.text for a in articles] == ["Readable.", "Also readable."]
    assert [(e.source, e.kind) for e in errors] == [(str(locked), "failed")]
    assert "cannot read directory" in errors[0].message and "Permission denied" in errors[0].message


def test_unreadable_directory_given_is_a_failure_not_an_empty_one(shared_folder):
    locked = shared_folder / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text("Never read.")
    locked.chmod(0o000)
    articles, errors = read_unprivileged(locked)
    assert articles == []
    assert [(e.source, e.kind) for e in errors] == [(str(locked), "failed")]
    assert "cannot read directory" in errors[0].message


def test_missing_path_fails_and_the_next_input_is_still_read(tmp_path):
    (tmp_path / "ok.txt").write_text("Fine.")
    articles, errors = read(tmp_path / "missing.txt", tmp_path / "ok.txt")
    assert [a.text for a in articles] == ["Fine."]
    assert errors[0].kind == "failed"
    assert "No such file" in errors[0].message


def test_file_too_large_is_refused_without_reading_it_whole(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 1_000_000)
    error = read_one_error(path, max_chars=1_000)
    assert error.kind == "failed"
    assert "too large" in error.message and "4,000 bytes" in error.message


def test_mostly_utf8_text_keeps_its_utf8_and_warns_about_the_bad_bytes(tmp_path):
    good = "François Hollande met Angela Merkel in Zürich. The minister’s office said so.\n"
    path = tmp_path / "damaged.txt"
    path.write_bytes((good * 3).encode() + b"A stray \x96\xff here.\n" + (good * 3).encode())
    articles, errors = read(path)
    assert articles[0].text == good * 3 + "A stray \ufffd\ufffd here.\n" + good * 3
    assert [(e.source, e.kind) for e in errors] == [(str(path), "warning")]
    assert "2 bytes that are not UTF-8" in errors[0].message and "line 4" in errors[0].message


@pytest.mark.parametrize(("text", "encoding"), [
    ("François Hollande said the café in Zürich was closed. Señor García agreed.\n", "latin-1"),
    ("Der Außenminister sagte in München, dass Deutschland den Plan ablehnt.\n", "latin-1"),
    ("François Bayrou said Paris would not accept the plan. " * 20, "cp1252"),
    ("The minister’s office said “no” – twice… Zürich agreed.\n", "cp1252"),
], ids=["latin-1 Spanish", "latin-1 German", "cp1252 French", "cp1252 punctuation"])
def test_legacy_western_encodings_are_decoded(tmp_path, text, encoding):
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    assert read_one_article(path).text == text


def test_text_over_max_chars_after_decoding_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("é" * 1_500, encoding="utf-8")  # 3,000 bytes: within the byte bound
    error = read_one_error(path, max_chars=1_000)
    assert error.kind == "failed"
    assert "1,500 characters" in error.message


def test_stdin_text_is_one_article(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO("Kyiv said no.\r\nMoscow – too.".encode()), "utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    article = read_one_article("-")
    assert article.text == "Kyiv said no.\nMoscow – too."
    assert article.source == "<stdin>"


def test_stdin_json_lines_are_records(monkeypatch):
    lines = ['{"id": "s1", "text": "First."}', "", "not json", '{"text": "Second."}']
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    articles, errors = read("-")
    assert [a.text for a in articles] == ["First.", "Second."]
    assert articles[0].source == "<stdin>#s1"
    assert [(e.line, e.kind) for e in errors] == [(3, "failed")]


# --- JSON Lines and JSON -------------------------------------------------------------------


def write_jsonl(path: Path, *records: object) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records))
    return path


def test_jsonl_fields_and_normalized_dates(tmp_path):
    path = write_jsonl(
        tmp_path / "r.jsonl",
        {"id": 7, "text": "A.", "title": "T", "url": "https://x", "source": "Reuters",
         "published_at": "2022-02-23T10:00:00Z"},
        {"text": "B.", "published_at": "2022-02-23 08:30"},
        {"text": "C.", "published_at": "20220223"},
    )
    articles, errors = read(path)
    assert errors == []
    first, second, third = articles
    assert (first.id, first.source, first.title, first.url, first.outlet) == (
        "7", f"{path}#7", "T", "https://x", "Reuters")
    assert first.published_at == "2022-02-23T10:00:00+00:00"
    assert second.published_at == "2022-02-23T08:30:00"
    assert third.published_at == "2022-02-23"
    assert re.fullmatch(r"sha1:[0-9a-f]{16}", second.id)
    assert second.source == f"{path}#{second.id}"


def test_jsonl_text_is_kept_exactly(tmp_path):
    text = "Line one.\r\nLine two.\u00a0 \x00"
    article = read_one_article(write_jsonl(tmp_path / "r.jsonl", {"id": "x", "text": text}))
    assert article.text == text


def test_jsonl_odd_values_are_reported(tmp_path):
    path = write_jsonl(
        tmp_path / "r.jsonl",
        ["a", "list"],
        {"id": "blank", "text": "   "},
        {"id": "t", "text": "Kept.", "title": 5},
    )
    articles, errors = read(path)
    assert [a.id for a in articles] == ["t"]
    assert articles[0].title is None
    assert [(e.line, e.kind) for e in errors] == [(1, "failed"), (2, "skipped"), (3, "warning")]
    assert "not a JSON object" in errors[0].message


def test_jsonl_line_past_the_bound_is_skipped_and_reading_goes_on(tmp_path):
    huge = json.dumps({"id": "huge", "text": "x" * 10_000})
    path = write_jsonl(tmp_path / "r.jsonl", huge, {"id": "after", "text": "Still read."})
    articles, errors = read(path, max_chars=1_000)
    assert [a.id for a in articles] == ["after"]
    assert [(e.line, e.kind) for e in errors] == [(1, "failed")]
    assert "longer than" in errors[0].message


def test_jsonl_in_utf16_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "a", "text": "A."}\n', encoding="utf-16")
    error = read_one_error(path)
    assert error.kind == "failed"
    assert "must be UTF-8" in error.message


def test_jsonl_record_text_over_max_chars_is_refused(tmp_path):
    path = write_jsonl(tmp_path / "r.jsonl", {"id": "long", "text": "y" * 500})
    error = read_one_error(path, max_chars=300)
    assert (error.line, error.kind) == (1, "failed")
    assert "too large" in error.message


def test_json_file_with_a_list_of_records(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"id": "j1", "text": "One."}, {"id": "j2"}, {"text": "Three."}]))
    articles, errors = read(path)
    assert [a.text for a in articles] == ["One.", "Three."]
    assert articles[0].source == f"{path}#j1"
    assert [(e.line, e.kind) for e in errors] == [(None, "failed")]
    assert errors[0].message == "record 2 id 'j2': no text field"


def test_json_file_with_one_record_or_invalid(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "only", "text": "Alone."}))
    broken = tmp_path / "broken.json"
    broken.write_text("[{")
    articles, errors = read(one, broken)
    assert [a.id for a in articles] == ["only"]
    assert errors[0].source == str(broken) and "not valid JSON" in errors[0].message


# --- HTML ------------------------------------------------------------------------------------


def test_html_prefers_article_and_reads_its_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Fund | World | The Paper</title>"
        '<meta property="article:published_time" content="2024-05-02T10:15:00Z">'
        '<link rel="canonical" href="https://example.org/chile"></head><body>'
        "<header><h1>The Paper</h1></header><p>Teaser outside.</p>"
        "<article><header><h1>Chi<b>le</b> backs\n fund</h1></header>"
        "<svg><title>Share icon</title></svg>"
        "<p>Chile&rsquo;s president said\non Wednesday it would back&nbsp;the fund.<br>Next.</p>"
        "<aside>Related story</aside><ul><li>One</li><li>Two</li></ul></article></body></html>"
    )
    article = read_one_article(path)
    assert article.text == (
        "Chile’s president said on Wednesday it would back the fund.\n\nNext.\n\nOne\n\nTwo"
    )
    assert article.title == "Chile backs fund"
    assert article.published_at == "2024-05-02T10:15:00+00:00"
    assert article.url == "https://example.org/chile"


def test_html_without_article_uses_body_and_time_element(tmp_path):
    path = tmp_path / "plain.htm"
    path.write_text(
        "<title>Plain</title><nav>Menu</nav><div>Body text.</div><svg><title>Icon</title></svg>"
        '<p><time datetime="2023-01-05">5 Jan</time> Later.</p><script>x()</script>'
    )
    article = read_one_article(path)
    assert article.text == "Body text.\n\n5 Jan Later."
    assert article.title == "Plain"
    assert article.published_at == "2023-01-05"


@pytest.mark.parametrize(("name", "content", "value"), [
    ("dated.html", '<main><time datetime="yesterday">x</time><p>Text.</p></main>', "'yesterday'"),
    ("2022-13-45-x.txt", "Text.", "'2022-13-45'"),  # the file name's
], ids=["html", "file name"])
def test_a_date_that_is_not_one_is_dropped_with_a_warning(tmp_path, name, content, value):
    path = tmp_path / name
    path.write_text(content)
    articles, errors = read(path)
    assert articles[0].published_at is None
    assert [(e.kind, value in e.message) for e in errors] == [("warning", True)]


def test_html_with_no_article_text_is_skipped(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title><script>x()</script></head></html>")
    error = read_one_error(path)
    assert error.kind == "skipped"


# --- dates: page metadata, file names, sidecars, a date for the run --------------------------


@pytest.mark.parametrize(("head", "body", "expected"), [
    ('<meta property="og:published_time" content="2022-03-01T08:00:00Z">', "", "2022-03-01T08:00:00+00:00"),
    ('<meta itemprop="datePublished" content="2022-03-02">', "", "2022-03-02"),
    ('<meta name="DC.date.issued" content="2022-03-03">', "", "2022-03-03"),
    (('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": '
      '"WebSite"}, {"@type": "NewsArticle", "datePublished": "2022-03-04T10:00:00+01:00"}]}</script>'), "",
     "2022-03-04T10:00:00+01:00"),
    (('<script type="application/ld+json">[{"@type": "NewsArticle", "datePublished": "2022-03-05"}]</script>'
      '<meta property="article:published_time" content="2022-03-06">'), "", "2022-03-06"),
    ("", ('<time datetime="2022-03-07">today</time><article><time datetime="2022-03-08">x</time>'
          '<time pubdate datetime="2022-03-09">y</time><p>Text.</p></article>'), "2022-03-09"),
    ("", ('<time datetime="2022-03-07">today</time><article><time datetime="2022-03-08">x</time>'
          "<p>Text.</p></article>"), "2022-03-08"),
    ('<meta property="article:published_time" content="last Tuesday">', '<time datetime="2022-03-10">x</time>',
     "2022-03-10"),
], ids=["og", "microdata", "dublin core", "json-ld graph", "meta over json-ld", "time marked published",
        "time in the article", "unparseable meta falls back"])
def test_html_publication_date_sources(tmp_path, head, body, expected):
    path = tmp_path / "page.html"
    path.write_text(f"<html><head>{head}</head><body>{body or '<p>Text.</p>'}</body></html>")
    assert read_one_article(path).published_at == expected


def test_json_ld_that_is_not_json_gives_no_date_and_no_error(tmp_path):
    path = tmp_path / "page.html"
    path.write_text('<script type="application/ld+json">{"datePublished": </script><p>Text.</p>')
    assert read_one_article(path).published_at is None


@pytest.mark.parametrize(("name", "expected"), [
    ("20220125T090000Z_GB_en_7d015e6984.txt", "2022-01-25T09:00:00+00:00"),
    ("2022-01-25-talks-in-paris.md", "2022-01-25"),
    ("2022-01-25.html", "2022-01-25"),
    ("talks-2022-01-25.txt", None),  # the default pattern reads a prefix only
    ("20220125-talks.txt", None),
], ids=["timestamp", "iso prefix", "iso name", "not a prefix", "digits without a T"])
def test_file_name_gives_the_date_by_default(tmp_path, name, expected):
    path = tmp_path / name
    path.write_text("<p>Text.</p>" if name.endswith("html") else "Text.")
    assert read_one_article(path).published_at == expected


def test_date_pattern_reads_named_groups_and_can_be_turned_off(tmp_path):
    path = tmp_path / "report_25.01.2022.txt"
    path.write_text("Text.")
    by_parts = date_pattern(r"(?P<day>\d\d)\.(?P<month>\d\d)\.(?P<year>\d{4})")
    assert read_one_article(path, date_pattern=by_parts).published_at == "2022-01-25"
    by_group = date_pattern(r"_(\d{8})")
    (tmp_path / "x_20220126.txt").write_text("Other text.")
    assert read_one_article(tmp_path / "x_20220126.txt", date_pattern=by_group).published_at == "2022-01-26"
    dated = tmp_path / "2022-01-27-x.txt"
    dated.write_text("Third text.")
    assert read_one_article(dated, date_pattern=date_pattern("")).published_at is None


@pytest.mark.parametrize(("regex", "message"), [
    ("(unclosed", "not a regular expression"),
    (r"(?P<year>\d{4})-(?P<month>\d\d)", "year, month and day"),
])
def test_date_pattern_refuses_what_cannot_give_a_date(regex, message):
    with pytest.raises(ValueError, match=message):
        date_pattern(regex)


def test_sidecar_fields_replace_the_files_own(tmp_path):
    page = tmp_path / "2022-01-01-page.html"
    page.write_text('<meta property="article:published_time" content="2022-02-02"><title>Page title</title>'
                    "<p>Text.</p>")
    (tmp_path / "2022-01-01-page.html.meta.json").write_text(json.dumps(
        {"published_at": "2022-03-03", "title": "Sidecar title", "url": "https://x/y", "source": "Reuters"}))
    article = read_one_article(page)
    assert (article.published_at, article.title, article.url, article.outlet) == (
        "2022-03-03", "Sidecar title", "https://x/y", "Reuters")


def test_sidecar_by_stem_fills_only_what_it_gives(tmp_path):
    text = tmp_path / "note.md"
    text.write_text("# Heading title\n\nText.")
    (tmp_path / "note.meta.json").write_text('{"published_at": "2022-04-04"}')
    article = read_one_article(text)
    assert (article.published_at, article.title) == ("2022-04-04", "Heading title")


def test_broken_sidecar_is_a_warning_and_the_article_is_read(tmp_path):
    for name, sidecar, message in [("a", "{", "not valid JSON"), ("b", "[1]", "not a JSON object"),
                                   ("c", '{"published_at": "soon", "title": 3}', "not an ISO 8601 date"),
                                   ("d", "[" * 50_000, "nested too deeply")]:
        (tmp_path / f"{name}.txt").write_text(f"Text {name}.")
        (tmp_path / f"{name}.txt.meta.json").write_text(sidecar)
        articles, errors = read(tmp_path / f"{name}.txt")
        assert [a.published_at for a in articles] == [None]
        assert errors and all(e.kind == "warning" for e in errors)
        assert all(f"sidecar {name}.txt.meta.json: " in e.message for e in errors)
        assert any(message in e.message for e in errors)


def test_sidecars_are_not_read_as_articles_in_a_directory(tmp_path):
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "a.txt.meta.json").write_text('{"published_at": "2022-05-05"}')
    (tmp_path / "records.json").write_text('[{"id": "r", "text": "Record."}]')
    articles, errors = read(tmp_path)
    assert errors == []
    assert [(Path(a.source).name, a.published_at) for a in articles] == [
        ("a.txt", "2022-05-05"), ("records.json#r", None)]


def test_run_date_fills_only_articles_without_one(tmp_path, monkeypatch):
    records = write_jsonl(tmp_path / "r.jsonl", {"id": "own", "text": "A.", "published_at": "2021-01-01"},
                          {"id": "none", "text": "B."})
    (tmp_path / "2021-02-02-c.txt").write_text("C.")
    (tmp_path / "plain.txt").write_text("D.")
    monkeypatch.setattr(sys, "stdin", io.StringIO("Stdin text."))
    articles, _ = read(records, tmp_path / "2021-02-02-c.txt", tmp_path / "plain.txt", "-",
                       date=run_date("2022-06-06"))
    assert [a.published_at for a in articles] == [
        "2021-01-01", "2022-06-06", "2021-02-02", "2022-06-06", "2022-06-06"]


def test_run_date_must_be_a_date():
    assert run_date(" 2022-06-06 ") == "2022-06-06"
    with pytest.raises(ValueError, match="not an ISO 8601 date"):
        run_date("06/06/2022")


# --- the real corpora ------------------------------------------------------------------------


@pytest.mark.skipif(not (CORPUS / "guardian-nato-2022.jsonl").is_file(), reason="corpus absent")
def test_guardian_corpus_reads_every_record_with_text():
    path = CORPUS / "guardian-nato-2022.jsonl"
    articles, errors = read(path)
    # 12 of the 250 records have an empty text: skipped, nothing fails.
    assert len(articles) == 238
    assert [e.kind for e in errors] == ["skipped"] * 12
    assert all(e.message.endswith("text is empty") for e in errors)
    assert len({a.id for a in articles}) == 238
    assert all(a.outlet == "The Guardian" and a.source == f"{path}#{a.id}" for a in articles)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", a.published_at) for a in articles)


@pytest.mark.skipif(not (CORPUS / "ukraine-2022-2024").is_dir(), reason="corpus absent")
def test_ukraine_corpus_reads_every_file():
    articles, errors = read(CORPUS / "ukraine-2022-2024")
    assert errors == []
    assert len(articles) == 447
    assert all(a.text.strip() and "\r" not in a.text for a in articles)
    # Every file is dated by its name: 20220125T090000Z_GB_en_….txt
    for article in articles:
        stamp = Path(article.source).name[:16]
        assert article.published_at == f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[9:11]}:{stamp[11:13]}:00+00:00"
