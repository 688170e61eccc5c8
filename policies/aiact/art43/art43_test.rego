package aiact.art43_test

import data.aiact.art43
import rego.v1

_in(ev, provs, route) := {
	"as_of": "2028-06-01T00:00:00Z",
	"scope": {"tiers": ["high_risk"], "roles": ["provider"], "dates": {"conformity": "2027-12-02"}},
	"classification": {"high_risk_route": route, "triggering_provisions": [{"id": p} | some p in provs], "facts": {"placed_on_market_at": "2028-01-01"}},
	"evidence": ev,
}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_ca(attrs) := {"ca": {"kind": "conformity_assessment", "sha256": "c", "source_uri": "file:ca.yaml", "valid_until": null, "attributes": attrs}}

_cert := {"number": "C-1", "notified_body": {"name": "NB", "number": "1234"}, "issued_at": "2027-12-01", "expires_at": "2031-11-30"}

test_annex_iii_5_internal_control_passes if {
	_f(art43.findings, "AIACT-43-1").status == "pass" with input as _in(_ca({"route": "annex_vi", "performed_at": "2027-12-20"}), ["annex3.5.b"], "annex_iii")
}

test_annex_iii_5_notified_body_is_not_the_route if {
	f := _f(art43.findings, "AIACT-43-1") with input as _in(_ca({"route": "annex_vii", "performed_at": "2027-12-20"}), ["annex3.5.b"], "annex_iii")
	contains(f.message, "internal control (Annex VI)")
}

test_biometrics_without_full_standards_needs_notified_body if {
	f := _f(art43.findings, "AIACT-43-1") with input as _in(_ca({"route": "annex_vi", "performed_at": "2027-12-20"}), ["annex3.1.a"], "annex_iii")
	f.status == "fail"
	contains(f.message, "notified body (Annex VII)")
}

test_biometrics_with_full_standards_may_use_internal_control if {
	ca := _ca({"route": "annex_vi", "performed_at": "2027-12-20", "harmonised_standards_cover_all": true, "standards": [{"ref": "EN X", "oj_ref": "OJ C 1/2027"}]})
	_f(art43.findings, "AIACT-43-1").status == "pass" with input as _in(ca, ["annex3.1.a"], "annex_iii")
}

test_annex_i_needs_sectoral_route if {
	f := _f(art43.findings, "AIACT-43-1") with input as _in(_ca({"route": "annex_vi", "performed_at": "2027-12-20"}), ["annex3.5.b"], "annex_i")
	contains(f.message, "sectoral")
}

test_assessment_after_market_placement_fails if {
	f := _f(art43.findings, "AIACT-43-1") with input as _in(_ca({"route": "annex_vi", "performed_at": "2028-02-01"}), ["annex3.4.a"], "annex_iii")
	contains(f.message, "after the system was placed on the market")
}

test_certificate_valid_passes_and_expired_fails if {
	ok := _ca({"route": "annex_vii", "performed_at": "2027-12-01", "certificate": _cert})
	_f(art43.findings, "AIACT-44-2").status == "pass" with input as _in(ok, ["annex3.1.a"], "annex_iii")
	bad := _ca({"route": "annex_vii", "performed_at": "2027-12-01", "certificate": object.union(_cert, {"issued_at": "2023-01-01", "expires_at": "2028-05-01"})})
	f := _f(art43.findings, "AIACT-44-2") with input as _in(bad, ["annex3.1.a"], "annex_iii")
	contains(f.message, "expired on 2028-05-01")
	contains(f.message, "more than 4 years")
}

test_substantial_modification_needs_new_assessment if {
	chg := {"ch": {"kind": "change_impact_assessment", "sha256": "x", "source_uri": "file:chg", "valid_until": null, "attributes": {"id": "CH-7", "substantial_modification": true, "assessed_at": "2028-03-01"}}}
	f := _f(art43.findings, "AIACT-43-4") with input as _in(object.union(chg, _ca({"route": "annex_vi", "performed_at": "2027-12-20"})), ["annex3.4.a"], "annex_iii")
	contains(f.message, "CH-7")
	g := _f(art43.findings, "AIACT-43-4") with input as _in(object.union(chg, _ca({"route": "annex_vi", "performed_at": "2028-03-05"})), ["annex3.4.a"], "annex_iii")
	g.status == "pass"
}

test_record_written_as_yaml_mapping_is_read_from_content if {
	ca := {"ca": {"kind": "conformity_assessment", "sha256": "c", "source_uri": "file:ca.yaml", "valid_until": null, "attributes": {"format": "yaml", "content": {"route": "annex_vi", "performed_at": "2027-12-20"}}}}
	_f(art43.findings, "AIACT-43-1").status == "pass" with input as _in(ca, ["annex3.5.b"], "annex_iii")
}
