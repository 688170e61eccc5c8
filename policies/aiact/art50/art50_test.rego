package aiact.art50_test

import data.aiact.art50
import rego.v1

_in(ev, roles, duties, facts) := {"as_of": "2027-03-01T00:00:00Z",
	"scope": {"tiers": ["transparency", "all_ai_systems"], "roles": roles, "dates": {"transparency": "2026-08-02"}},
	"classification": {"transparency_duties": duties, "facts": facts}, "evidence": ev}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_i(id, kind, attrs) := {id: {"kind": kind, "sha256": id, "source_uri": sprintf("file:%s", [id]), "valid_until": null, "attributes": attrs}}

_chat := _i("n1", "transparency_notice", {"duty": "art50.1", "text": "You are chatting with an AI assistant.", "shown_at": "first_interaction", "accessible": true, "channels": ["web", "app"]})

test_50_1_passes if {
	_f(art50.findings, "AIACT-50-1").status == "pass" with input as _in(_chat, ["provider"], ["art50.1"], {"interaction_channels": ["web", "app"]})
}

test_50_1_fails_on_missing_channel_and_late_notice if {
	ev := _i("n1", "transparency_notice", {"duty": "art50.1", "text": "Welcome!", "shown_at": "footer", "accessible": true, "channels": ["web"]})
	f := _f(art50.findings, "AIACT-50-1") with input as _in(ev, ["provider"], ["art50.1"], {"interaction_channels": ["web", "phone"]})
	contains(f.message, "channel(s) phone")
	contains(f.message, "does not say that an AI system")
	contains(f.message, "first interaction")
}

test_50_1_not_applicable_without_duty if {
	_f(art50.findings, "AIACT-50-1").status == "not_applicable" with input as _in({}, ["provider"], [], {})
}

test_50_1_not_applicable_to_deployer if {
	_f(art50.findings, "AIACT-50-1").status == "not_applicable" with input as _in({}, ["deployer"], ["art50.1"], {})
}

_mark := _i("m", "content_marking", {"modalities": ["image", "text"], "robustness_test": {"passed": true}, "detection": "https://detect.example"})

test_50_2_passes if {
	_f(art50.findings, "AIACT-50-2").status == "pass" with input as _in(_mark, ["provider"], ["art50.2"], {"output_modalities": ["image"]})
}

test_50_2_fails_on_unmarked_modality if {
	f := _f(art50.findings, "AIACT-50-2") with input as _in(_mark, ["provider"], ["art50.2"], {"output_modalities": ["image", "audio"]})
	contains(f.message, "generated audio output is not marked")
}

test_50_2_legacy_system_deferred_to_2026_12_02 if {
	inp := object.union(_in({}, ["provider"], ["art50.2"], {"placed_on_market_at": "2025-05-01"}), {"as_of": "2026-10-01T00:00:00Z"})
	f := _f(art50.findings, "AIACT-50-2") with input as inp
	f.status == "not_yet_applicable"
	f.applies_from == "2026-12-02"
	g := _f(art50.findings, "AIACT-50-2") with input as _in({}, ["provider"], ["art50.2"], {"placed_on_market_at": "2025-05-01"})
	g.status == "fail"
}

test_50_3_passes_and_fails if {
	ok := _i("n", "transparency_notice", {"duty": "art50.3", "text": "This store uses AI emotion recognition.", "shown_at": "before_exposure", "accessible": true, "privacy_notice": "https://x/privacy"})
	_f(art50.findings, "AIACT-50-3").status == "pass" with input as _in(ok, ["deployer"], ["art50.3"], {})
	_f(art50.findings, "AIACT-50-3").status == "fail" with input as _in({}, ["deployer"], ["art50.3"], {})
}

test_50_4_deepfake if {
	ok := _i("p", "published_content", {"id": "V1", "deep_fake": true, "disclosure": "AI-generated"})
	_f(art50.findings, "AIACT-50-4-deepfake").status == "pass" with input as _in(ok, ["deployer"], ["art50.4.deepfake"], {})
	bad := _i("p", "published_content", {"id": "V1", "deep_fake": true})
	contains(_f(art50.findings, "AIACT-50-4-deepfake").message, "V1 is published without") with input as _in(bad, ["deployer"], ["art50.4.deepfake"], {})
}

test_50_4_text if {
	edited := _i("p", "published_content", {"id": "T1", "ai_generated_text": true, "public_interest": true, "human_review": true, "editor": "R. Desk"})
	_f(art50.findings, "AIACT-50-4-text").status == "pass" with input as _in(edited, ["deployer"], ["art50.4.text"], {})
	bare := _i("p", "published_content", {"id": "T1", "ai_generated_text": true, "public_interest": true, "human_review": true})
	_f(art50.findings, "AIACT-50-4-text").status == "fail" with input as _in(bare, ["deployer"], ["art50.4.text"], {})
}
