"""The bodies of the JSON API's 4xx answers, and their place in the OpenAPI document.

Every ``/api/`` answer from 400 to 499 is one of these shapes (the models are the
documentation: the document's schemas are generated from them and a test validates real
answers with them):

- :class:`Problem` ``{"detail": "...", "field": "..."?}``: sign-in required (401), the
  one forbidden (403), not found (404), a conflict (409), a body too large (413), a
  refusal that names one field (422);
- :class:`FieldProblems` ``{"detail": [{"field": ..., "problem": ...}]}``: a request,
  report or question whose fields do not hold (422);
- ``HTTPValidationError`` ``{"detail": [{"loc": [...], "msg": ..., "type": ...}]}``: a body
  or parameter that does not parse (422), FastAPI's own, and a lone surrogate (422);
- :class:`ImportProblems` ``{"problems": [...], "more": n?}``: a OneRoster import that
  cannot be read (422).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter


class Problem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    detail: str
    field: str | None = None


class FieldProblem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: str
    problem: str


class FieldProblems(BaseModel):
    model_config = ConfigDict(extra="forbid")

    detail: list[FieldProblem]


class ValidationIssue(BaseModel):
    """One entry of FastAPI's ``HTTPValidationError`` (``input``/``ctx`` when given)."""

    loc: list[str | int]
    msg: str
    type: str


class HTTPValidationError(BaseModel):
    model_config = ConfigDict(extra="forbid")

    detail: list[ValidationIssue]


class ImportProblems(BaseModel):
    model_config = ConfigDict(extra="forbid")

    problems: list[str]
    more: int | None = None


UNPROCESSABLE = (HTTPValidationError, FieldProblems, Problem, ImportProblems)
ANY_4XX: TypeAdapter[Any] = TypeAdapter(
    HTTPValidationError | FieldProblems | Problem | ImportProblems
)
STATUSES = {
    "400": "The request cannot be read (a webhook body, a bad header).",
    "401": "Sign in first (or the webhook's signature is missing).",
    "403": "Forbidden: the same answer whether or not the thing exists.",
    "404": "No such thing (where existence is not secret, e.g. a platform name).",
    "409": "The request conflicts with the record's state.",
    "413": "The JSON body is larger than LANYARD_MAX_JSON_BYTES.",
    "422": "The input does not hold; the body names the field.",
}
REF = "#/components/schemas/{model}"


def document_problems(document: dict[str, Any]) -> dict[str, Any]:
    """Add every 4xx answer, with its shapes, to each ``/api/`` operation."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for model in (*UNPROCESSABLE, FieldProblem, ValidationIssue):
        schema = model.model_json_schema(ref_template=REF)
        schema.pop("$defs", None)
        schemas[model.__name__] = schema
    problem = {"$ref": REF.format(model="Problem")}
    unprocessable = {"anyOf": [{"$ref": REF.format(model=m.__name__)} for m in UNPROCESSABLE]}
    for item in document.get("paths", {}).values():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for status, description in STATUSES.items():
                if status == "413" and method not in ("post", "put", "patch"):
                    continue
                schema = unprocessable if status == "422" else problem
                responses[status] = {
                    "description": description,
                    "content": {"application/json": {"schema": schema}},
                }
    return document
