package aiact.art4_test

import data.aiact.art4
import rego.v1

_in(ev, as_of) := {"as_of": as_of, "scope": {"tiers": ["minimal", "all_ai_systems"], "roles": ["deployer"], "dates": {"literacy": "2025-02-02"}}, "evidence": ev}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_i(id, kind, attrs) := {id: {"kind": kind, "sha256": id, "source_uri": sprintf("file:%s", [kind]), "valid_until": null, "attributes": attrs}}

_rec := _i("r1", "literacy_record", {"person": "A. Martin", "role": "credit officer", "completed_on": "2027-03-14"})

test_1_passes if {
	_f(art4.findings, "AIACT-4-1").status == "pass" with input as _in(_rec, "2028-01-01T00:00:00Z")
}

test_1_fails_for_untrained_overseer_and_old_training if {
	ev := object.union(_rec, _i("o", "oversight_assignment", {"person": "B. Keller"}))
	f := _f(art4.findings, "AIACT-4-1") with input as _in(ev, "2029-06-01T00:00:00Z")
	contains(f.message, "b. keller operates or oversees")
	contains(f.message, "older than 730 days")
}

test_1_original_wording_needs_outcome if {
	old := _i("r1", "literacy_record", {"person": "A", "completed_at": "2025-03-14"})
	f := _f(art4.findings, "AIACT-4-1") with input as _in(old, "2026-01-01T00:00:00Z")
	contains(f.message, "sufficient level")
	_f(art4.findings, "AIACT-4-1").status == "pass" with input as _in(old, "2026-09-01T00:00:00Z")
}

test_2_passes_and_fails if {
	ok := _i("p", "literacy_programme", {"target_groups": ["officers"], "measures": ["AI-101"], "reviewed_at": "2027-06-01"})
	_f(art4.findings, "AIACT-4-2").status == "pass" with input as _in(ok, "2028-01-01T00:00:00Z")
	bad := _i("p", "literacy_programme", {"target_groups": ["officers"], "reviewed_at": "2020-06-01"})
	f := _f(art4.findings, "AIACT-4-2") with input as _in(bad, "2028-01-01T00:00:00Z")
	contains(f.message, "names no measures")
	contains(f.message, "last reviewed on 2020-06-01")
}

test_1_reads_completed_at_when_completed_on_is_null if {
	rec := _i("r1", "literacy_record", {"person": "A. Martin", "completed_on": null, "completed_at": "2027-03-14"})
	_f(art4.findings, "AIACT-4-1").status == "pass" with input as _in(rec, "2028-01-01T00:00:00Z")
}
