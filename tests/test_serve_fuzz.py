"""The clinic app's API fuzzed from its own OpenAPI schema (``/api/v1/openapi.json``) with
schemathesis, against a real server with patients, visits and drawings: whatever a signed-in
script sends, no answer is a server error (5xx) and every answer fits the schema (status,
content type, body).  A few examples per operation by default; many more under ``-m slow``.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)
from serve_helpers import BACKENDS, EXAMPLE, Server, add_patient, add_visit, new_database

#: Examples per API operation: in every run, and under ``-m slow``.
EXAMPLES = 12
SLOW_EXAMPLES = 150
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module", params=BACKENDS)
def fuzzed_server(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"fuzz-{request.param}")
    srv = Server(new_database(request.param, request, folder), folder)
    for code in ("P-1", "P-2"):
        add_patient(srv, code)
        for date in ("2026-11-01", "2026-12-01"):
            visit = add_visit(srv, code, date=date)["id"]
            srv.request("PUT", f"/api/v1/visits/{visit}/drawing", raw=EXAMPLE.read_bytes())
    yield srv
    srv.stop()


def _fuzz(srv, examples):
    """Every operation of the schema with ``examples`` generated requests: how many were sent."""
    from hypothesis import given

    schema = schemathesis.openapi.from_url(f"{srv.base}/api/v1/openapi.json")
    sent = 0
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, **_SETTINGS)
        def run(case):
            nonlocal sent
            case.call_and_validate(
                base_url=srv.base,
                headers={"Authorization": f"Bearer {srv.token}"},
                checks=CHECKS,
                timeout=60,
            )
            sent += 1

        run()
    return sent


_SETTINGS = {"deadline": None, "suppress_health_check": list(HealthCheck), "derandomize": True}


def test_the_api_answers_what_its_schema_says_and_never_a_server_error(fuzzed_server):
    sent = _fuzz(fuzzed_server, EXAMPLES)
    print(f"{sent} generated requests")


@pytest.mark.slow
def test_the_api_holds_its_schema_under_many_more_examples(fuzzed_server):
    sent = _fuzz(fuzzed_server, SLOW_EXAMPLES)
    print(f"{sent} generated requests")
