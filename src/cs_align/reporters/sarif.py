"""SARIF 2.1.0: one rules[] entry per rule, results with physical locations."""

from __future__ import annotations

import json
from typing import Any

from cs_align import __version__
from cs_align.findings import Report, Severity

_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def _rule(rule_id: str) -> dict[str, Any]:
    from cs_align.rules import REGISTRY

    module = REGISTRY.get(rule_id)
    title = getattr(module, "TITLE", rule_id.replace("-", " "))
    doc = (getattr(module, "__doc__", None) or title).strip()
    return {
        "id": rule_id,
        "name": rule_id,
        "shortDescription": {"text": title},
        "fullDescription": {"text": doc.splitlines()[0]},
        "help": {"text": doc},
    }


def render(reports: list[Report]) -> str:
    rule_ids = sorted({f.rule for r in reports for f in r.findings})
    index = {rid: i for i, rid in enumerate(rule_ids)}
    results = []
    for report in reports:
        for f in report.findings:
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _LEVEL[f.severity],
                "message": {"text": f"{f.message} — fix: {f.fix}"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": report.file.replace("\\", "/")},
                            "region": {
                                "startLine": max(f.line, 1),
                                "startColumn": max(f.column, 1),
                            },
                        },
                        "logicalLocations": [{"fullyQualifiedName": f.path}],
                    }
                ],
                "properties": {"area": f.area, "strategy": f.strategy, "source": f.source},
            }
            if f.waived:
                result["suppressions"] = [{"kind": "inSource", "justification": f.waived["reason"]}]
            results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cs-align",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/cs-align/",
                        "rules": [_rule(r) for r in rule_ids],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
