"""deploy/k8s: every manifest valid for a pinned Kubernetes version (kubernetes-validate,
strict: unknown fields are errors), and the pieces fit together."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from service.__main__ import GRACEFUL_SHUTDOWN_S
from service.config import Settings

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
KUBERNETES_VERSION = "1.33.0"
MANIFESTS = ["deployment.yaml", "service.yaml", "hpa.yaml", "pdb.yaml"]


def load(name: str) -> dict[str, Any]:
    docs = list(yaml.safe_load_all((K8S / name).read_text()))
    assert len(docs) == 1, name
    doc: dict[str, Any] = docs[0]
    return doc


@pytest.fixture(scope="module")
def res() -> dict[str, dict[str, Any]]:
    return {load(n)["kind"]: load(n) for n in MANIFESTS}


@pytest.mark.parametrize("name", MANIFESTS)
def test_manifest_is_valid_for_the_pinned_kubernetes(name: str) -> None:
    kubernetes_validate.validate(load(name), KUBERNETES_VERSION, strict=True)


def test_kustomization_lists_every_manifest() -> None:
    kust = load("kustomization.yaml")
    assert sorted(kust["resources"]) == sorted(MANIFESTS)
    assert sorted(p.name for p in K8S.glob("*.yaml")) == sorted([*MANIFESTS, "kustomization.yaml"])


def test_a_typo_is_caught() -> None:
    bad = load("deployment.yaml")
    bad["spec"]["template"]["spec"]["containers"][0]["livenessProbes"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(bad, KUBERNETES_VERSION, strict=True)


def test_deployment_probes_resources_and_security(res: dict[str, dict[str, Any]]) -> None:
    pod = res["Deployment"]["spec"]["template"]["spec"]
    (c,) = pod["containers"]
    assert c["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert c["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert c["startupProbe"]["httpGet"]["path"] == "/healthz"
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        assert c[probe]["httpGet"]["port"] == "http"
    assert {p["name"]: p["containerPort"] for p in c["ports"]} == {"http": 8000}
    for kind in ("requests", "limits"):
        assert {"cpu", "memory"} <= set(c["resources"][kind])
    sc = c["securityContext"]
    assert sc["runAsNonRoot"] is True and sc["readOnlyRootFilesystem"] is True
    assert sc["allowPrivilegeEscalation"] is False
    assert sc["capabilities"]["drop"] == ["ALL"] and "add" not in sc["capabilities"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    # a read-only root needs a writable /tmp (matplotlib's MPLCONFIGDIR)
    assert {"name": "tmp", "mountPath": "/tmp"} in c["volumeMounts"]
    env = {e["name"]: e["value"] for e in c["env"]}
    assert env["GRADSERVE_HOST"] == "0.0.0.0" and env["GRADSERVE_PORT"] == "8000"
    assert int(env["GRADSERVE_MAX_BODY_BYTES"]) == Settings().max_body_bytes
    # the pod is given time for preStop and gradserve's graceful shutdown
    pre_stop = int(c["lifecycle"]["preStop"]["exec"]["command"][1])
    assert pod["terminationGracePeriodSeconds"] > pre_stop + GRACEFUL_SHUTDOWN_S


def test_service_hpa_and_pdb_select_the_deployment(res: dict[str, dict[str, Any]]) -> None:
    dep = res["Deployment"]
    labels = dep["spec"]["template"]["metadata"]["labels"]
    assert dep["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert res["Service"]["spec"]["selector"].items() <= labels.items()
    assert res["Service"]["spec"]["ports"][0]["targetPort"] == "http"
    assert res["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    hpa = res["HorizontalPodAutoscaler"]
    assert hpa["apiVersion"] == "autoscaling/v2"
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", dep["metadata"]["name"])
    # at least two pods, and the budget lets one be drained at a time
    assert hpa["spec"]["minReplicas"] >= 2 and dep["spec"]["replicas"] >= 2
    assert res["PodDisruptionBudget"]["spec"]["minAvailable"] < hpa["spec"]["minReplicas"]
