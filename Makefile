# Two commands for a new user: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
SG      = $(VENV)/bin/stancegraph
API_PORT ?= $(or $(STANCEGRAPH_API_PORT),8000)
HOME_DIR ?= $(or $(STANCEGRAPH_NEO4J_HOME),.neo4j)

.PHONY: install run test stop bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,cluster]"
	touch $@

install: $(VENV)/.installed

# Neo4j on 7687/7474, the schema, the bundled samples, and the API in the background.
run: install
	$(SG) neo4j start
	$(SG) schema apply
	$(SG) ingest samples/
	@mkdir -p $(HOME_DIR)
	@if [ -f $(HOME_DIR)/api.pid ] && kill -0 $$(cat $(HOME_DIR)/api.pid) 2>/dev/null; then \
		echo "API already running (pid $$(cat $(HOME_DIR)/api.pid))"; \
	else \
		nohup $(SG) serve --port $(API_PORT) > $(HOME_DIR)/api.log 2>&1 & echo $$! > $(HOME_DIR)/api.pid; \
		for i in $$(seq 1 60); do curl -sf http://127.0.0.1:$(API_PORT)/health >/dev/null && break; sleep 1; done; \
	fi
	@curl -sf http://127.0.0.1:$(API_PORT)/health >/dev/null || { echo "API did not start: see $(HOME_DIR)/api.log"; exit 1; }
	@echo ""
	@echo "stancegraph is up:"
	@echo "  API docs       http://127.0.0.1:$(API_PORT)/docs"
	@echo "  Neo4j Browser  http://127.0.0.1:7474/browser/  (bolt://127.0.0.1:7687, user neo4j, password: $$(cat $(HOME_DIR)/password 2>/dev/null || echo '$$STANCEGRAPH_NEO4J_PASSWORD'))"
	@echo "  stop with      make stop"

stop:
	@if [ -f $(HOME_DIR)/api.pid ]; then kill $$(cat $(HOME_DIR)/api.pid) 2>/dev/null || true; rm -f $(HOME_DIR)/api.pid; fi
	-$(SG) neo4j stop

# The whole suite against a real Neo4j that the test run starts and stops itself.
test: install
	$(PY) -m pytest

bench: install
	$(PY) benchmarks/extract_speed.py

clean: stop
	rm -rf $(VENV) $(HOME_DIR)
