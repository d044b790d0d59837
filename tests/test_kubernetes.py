"""deploy/kubernetes.yaml, the example docs/deploy.md shows, is valid against the Kubernetes API's own schemas
(kubernetes-validate, which ships them: no cluster and no network needed), strictly: a misspelt field fails."""

from __future__ import annotations

from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "deploy" / "kubernetes.yaml"
VERSIONS = ("1.30.0", kubernetes_validate.latest_version())  # an older cluster still common, and the newest schemas


def documents() -> list[dict]:
    return [doc for doc in yaml.safe_load_all(EXAMPLE.read_text(encoding="utf-8")) if doc]


@pytest.mark.parametrize("version", VERSIONS)
def test_the_example_is_valid_against_the_kubernetes_schemas(version: str) -> None:
    kinds = []
    for doc in documents():
        kubernetes_validate.validate(doc, version, strict=True)  # raises ValidationError naming the field
        kinds.append(doc["kind"])
    assert kinds == ["Secret", "Deployment", "Service", "Ingress"]


def test_a_wrong_field_fails_the_check() -> None:
    deployment = next(doc for doc in documents() if doc["kind"] == "Deployment")
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["periodSecond"] = 10  # misspelt
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, VERSIONS[-1], strict=True)


def test_the_guide_shows_the_example_as_it_is() -> None:
    assert f"```yaml\n{EXAMPLE.read_text(encoding='utf-8')}```" in (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
