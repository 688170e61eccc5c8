package aiact.art51_test

import data.aiact.art51
import rego.v1

_in(ev, tiers) := {"as_of": "2027-01-01T00:00:00Z", "scope": {"tiers": tiers, "roles": ["gpai_provider"], "dates": {"gpai": "2025-08-02"}}, "evidence": ev}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_i(id, kind, attrs) := {id: {"kind": kind, "sha256": id, "source_uri": sprintf("file:%s", [id]), "valid_until": null, "attributes": attrs}}

test_51_passes_below_threshold if {
	_f(art51.findings, "AIACT-51-2").status == "pass" with input as _in(_i("e", "training_compute_estimate", {"flop": 3e24, "methodology": "6ND"}), ["gpai"])
}

test_51_fails_above_threshold_without_systemic_classification if {
	f := _f(art51.findings, "AIACT-51-2") with input as _in(_i("e", "training_compute_estimate", {"flop": 2e25, "methodology": "6ND"}), ["gpai"])
	contains(f.message, "presumed to have systemic risk")
	_f(art51.findings, "AIACT-51-2").status == "pass" with input as _in(_i("e", "training_compute_estimate", {"flop": 2e25, "methodology": "6ND"}), ["gpai", "gpai_systemic"])
}

test_52_passes_and_fails if {
	ok := _i("n", "commission_notification", {"threshold_met_at": "2026-01-01", "notified_at": "2026-01-10"})
	_f(art51.findings, "AIACT-52-1").status == "pass" with input as _in(ok, ["gpai", "gpai_systemic"])
	late := _i("n", "commission_notification", {"threshold_met_at": "2026-01-01", "notified_at": "2026-02-10"})
	contains(_f(art51.findings, "AIACT-52-1").message, "40 days") with input as _in(late, ["gpai", "gpai_systemic"])
	_f(art51.findings, "AIACT-52-1").status == "not_applicable" with input as _in(late, ["gpai"])
}
