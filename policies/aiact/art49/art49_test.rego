package aiact.art49_test

import data.aiact.art49
import rego.v1

_in(ev, tier, roles, provs, facts) := {
	"as_of": "2028-06-01T00:00:00Z",
	"scope": {"tiers": [tier, "all_ai_systems"], "roles": roles, "dates": {"conformity": "2027-12-02", "derogation": "2027-12-02"}},
	"classification": {"facts": object.union({"placed_on_market_at": "2028-01-10", "processes_personal_data": true}, facts), "triggering_provisions": [{"id": p} | some p in provs]},
	"evidence": ev,
}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_reg(section, fields, extra) := {sprintf("r%s", [section]): {"kind": "eu_database_registration", "sha256": section, "source_uri": "file:reg", "valid_until": null,
	"attributes": object.union({"section": section, "registration_id": sprintf("EU-%s-1", [section]), "registered_at": "2028-01-05", "fields": {p: "x" | some p in fields}}, extra)}}

_a := ["1", "4", "5", "6", "7", "10", "11", "12"]

test_49_1_passes if {
	_f(art49.findings, "AIACT-49-1").status == "pass" with input as _in(_reg("A", _a, {}), "high_risk", ["provider"], ["annex3.5.b"], {})
}

test_49_1_fails_on_missing_item_and_late if {
	f := _f(art49.findings, "AIACT-49-1") with input as _in(_reg("A", ["1", "4"], {"registered_at": "2028-02-01"}), "high_risk", ["provider"], ["annex3.5.b"], {})
	contains(f.message, "Section A point 11")
	contains(f.message, "after the system was placed on the market")
}

test_49_1_point_2_national_and_secure_section if {
	f := _f(art49.findings, "AIACT-49-1") with input as _in(_reg("A", _a, {}), "high_risk", ["provider"], ["annex3.2.main"], {})
	contains(f.message, "national level")
	g := _f(art49.findings, "AIACT-49-1") with input as _in(_reg("A", _a, {}), "high_risk", ["provider"], ["annex3.6.a"], {"law_enforcement_use": true})
	contains(g.message, "secure non-public section")
}

test_49_1_not_applicable_to_annex_i if {
	_f(art49.findings, "AIACT-49-1").status == "not_applicable" with input as _in({}, "high_risk", ["provider"], [], {})
}

_b := object.union(_reg("B", ["1", "4", "5", "6", "8"], {}), {"as": {"kind": "art6_3_assessment", "sha256": "as", "source_uri": "file:a63", "valid_until": null, "attributes": {"conditions": ["a"], "profiling": false, "assessed_at": "2027-12-01"}}})

test_49_2_passes_for_derogated_minimal_system if {
	_f(art49.findings, "AIACT-49-2").status == "pass" with input as _in(_b, "minimal", ["provider"], ["art6.3.a"], {})
}

test_49_2_fails_on_profiling if {
	ev := object.union(_reg("B", ["1", "4", "5", "6", "8"], {}), {"as": {"kind": "art6_3_assessment", "sha256": "as", "source_uri": "file:a63", "valid_until": null, "attributes": {"conditions": ["a"], "profiling": true, "assessed_at": "2027-12-01"}}})
	f := _f(art49.findings, "AIACT-49-2") with input as _in(ev, "minimal", ["provider"], ["art6.3.a"], {})
	contains(f.message, "always high-risk")
}

test_49_2_fails_without_registration if {
	f := _f(art49.findings, "AIACT-49-2") with input as _in({}, "minimal", ["provider"], [], {"art6_3_derogation": true})
	contains(f.message, "Section B")
}

test_49_3_passes_and_fails if {
	ok := _in(_reg("C", ["1", "3", "4", "5"], {}), "high_risk", ["deployer"], ["annex3.5.a"], {"deployer_is_public_body_or_public_service": true})
	_f(art49.findings, "AIACT-49-3").status == "pass" with input as ok
	bad := _in(_reg("C", ["1", "3"], {}), "high_risk", ["deployer"], ["annex3.5.a"], {"deployer_is_public_body_or_public_service": true})
	contains(_f(art49.findings, "AIACT-49-3").message, "FRIA") with input as bad
}
