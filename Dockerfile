# The stancegraph API (and CLI) against the Neo4j that NEO4J_URI names; see docker-compose.yml.
FROM python:3.11-slim
WORKDIR /srv/stancegraph
COPY pyproject.toml README.md ./
COPY app ./app
COPY graph_schema ./graph_schema
COPY ingest ./ingest
COPY networks ./networks
COPY samples ./samples
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["sh", "-c", "stancegraph schema apply && stancegraph ingest samples/ --quiet; stancegraph serve --host 0.0.0.0 --port 8000"]
