# METADATA
# title: Art 50 - Transparency obligations for certain AI systems
# description: >-
#   Each paragraph by role, bound only where the classification lists the duty (transparency_duties; the
#   exceptions - obvious interaction, assistive editing, law-enforcement authorisation, purely personal use -
#   are decided there): providers disclose AI interaction (50(1)) and mark synthetic outputs in a
#   machine-readable way (50(2)); deployers inform people exposed to emotion recognition or biometric
#   categorisation (50(3)), disclose deep fakes (50(4) first subparagraph) and AI-generated text published on
#   matters of public interest unless it was under human editorial control (50(4) second subparagraph). The
#   information is clear, given at the latest at first interaction or exposure, and accessible (50(5)).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 50; Article 111(4) as inserted by Regulation (EU) 2026/1744
# custom:
#   article: "50"
#   tiers: [transparency]
#   roles: [provider, deployer]
#   applies_from: transparency
package aiact.art50

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_notices(duty) := [n | some n in conditions.items("transparency_notice"); object.get(n.attributes, "duty", "") == duty]

_na(duty, what) := "" if conditions.has_duty(duty)

_na(duty, what) := sprintf("the classification lists no %s duty (%s)", [duty, what]) if not conditions.has_duty(duty)

_ai_words := `(?i)\b(ai|a\.i\.|artificial intelligence|automated|bot|chatbot|machine|virtual assistant|ki|ia)\b`

# notice_problems(notices, label): notices are clear about AI, timely and accessible (Art 50(5)).
notice_problems(notices, label) := {sprintf("no %s (kind transparency_notice) found in the collected evidence", [label]) | count(notices) == 0} | {msg |
	some n in notices
	not regex.match(_ai_words, sprintf("%v", [object.get(n.attributes, "text", "")]))
	msg := sprintf("%s %s does not say that an AI system is involved", [label, n.source_uri])
} | {msg |
	some n in notices
	not object.get(n.attributes, "shown_at", "") in {"first_interaction", "before_exposure", "at_exposure"}
	msg := sprintf("%s %s is not given at the latest at first interaction or exposure (shown_at %q)", [label, n.source_uri, object.get(n.attributes, "shown_at", "")])
} | {msg |
	some n in notices
	object.get(n.attributes, "accessible", false) != true
	msg := sprintf("%s %s is not shown to meet accessibility requirements (Art 50(5))", [label, n.source_uri])
}

_channels := {lower(c) | some c in conditions.fact("interaction_channels")}

# METADATA
# title: People are told they are interacting with an AI system, in every channel
# custom:
#   id: AIACT-50-1
#   citation: Art. 50(1), 50(5)
#   catalogue_ids: [art50.1]
#   severity: deny
#   roles: [provider]
#   evidence_kinds: [transparency_notice]
#   remediation: Tell people at first interaction, in every channel, that they are dealing with an AI system (clear, accessible wording).
findings contains findings.result(rego.metadata.chain(), {
	"problems": notice_problems(_notices("art50.1"), "AI-interaction disclosure") | _p1_channels,
	"evidence": evidence.hashes(_notices("art50.1")),
	"not_applicable": _na("art50.1", "the system does not interact directly with people, or that is obvious"),
})

_p1_channels contains msg if {
	covered := {lower(c) | some n in _notices("art50.1"); some c in object.get(n.attributes, "channels", [])}
	missing := _channels - covered
	count(missing) > 0
	msg := sprintf("no AI-interaction disclosure in channel(s) %s", [concat(", ", sort(missing))])
}

_markings := conditions.items("content_marking")

_modalities := {lower(m) | some m in conditions.fact("output_modalities")}

# Art 111(4): systems placed on the market before 2026-08-02 comply with Art 50(2) by 2026-12-02.
_legacy if conditions.days(conditions.fact("placed_on_market_at"), "2026-08-02") > 0

# The classification computes the date (scope date transparency_art50_2); without it, from the
# market-placement date.
_date_50_2 := input.scope.dates.transparency_art50_2

_date_50_2 := "2026-12-02" if {
	not input.scope.dates.transparency_art50_2
	_legacy
}

_date_50_2 := "0000-01-01" if {
	not input.scope.dates.transparency_art50_2
	not _legacy
}

# METADATA
# title: Synthetic audio, image, video and text are marked machine-readably and detectably
# custom:
#   id: AIACT-50-2
#   citation: Art. 50(2), 111(4)
#   catalogue_ids: [art50.2]
#   severity: deny
#   roles: [provider]
#   evidence_kinds: [content_marking]
#   remediation: >-
#     Mark every generated output modality in a machine-readable way (watermark, metadata, fingerprint), test
#     the marking's robustness, and offer a way to detect it.
findings contains conditions.deferred(rego.metadata.chain(), {
	"problems": _p2,
	"evidence": evidence.hashes(_markings),
	"not_applicable": _na("art50.2", "the system does not generate synthetic content, or an exception applies"),
}, _date_50_2, "Art 111(4): systems placed on the market before 2026-08-02")

_p2 contains msg if msg := evidence.missing_message("content_marking", "machine-readable content marking")

_p2 contains msg if {
	count(_markings) > 0
	covered := {lower(m) | some k in _markings; some m in object.get(k.attributes, "modalities", [])}
	missing := _modalities - covered
	count(missing) > 0
	msg := sprintf("generated %s output is not marked", [concat(", ", sort(missing))])
}

_p2 contains msg if {
	some k in _markings
	object.get(object.get(k.attributes, "robustness_test", {}), "passed", false) != true
	msg := sprintf("content marking %s has no passed robustness test", [k.source_uri])
}

_p2 contains msg if {
	some k in _markings
	not conditions.filled(k.attributes, "detection")
	msg := sprintf("content marking %s offers no way to detect the marking (detection)", [k.source_uri])
}

# METADATA
# title: People exposed to emotion recognition or biometric categorisation are informed
# custom:
#   id: AIACT-50-3
#   citation: Art. 50(3), 50(5)
#   catalogue_ids: [art50.3]
#   severity: deny
#   roles: [deployer]
#   evidence_kinds: [transparency_notice]
#   remediation: Inform exposed persons of the system's operation before or at exposure (signage, on-screen notice), with a reference to the data-protection notice.
findings contains findings.result(rego.metadata.chain(), {
	"problems": notice_problems(_notices("art50.3"), "notice to exposed persons") | _p3_gdpr,
	"evidence": evidence.hashes(_notices("art50.3")),
	"not_applicable": _na("art50.3", "no emotion recognition or biometric categorisation, or a law-enforcement exception applies"),
})

_p3_gdpr contains msg if {
	some n in _notices("art50.3")
	not conditions.filled(n.attributes, "privacy_notice")
	msg := sprintf("notice %s does not refer to the processing of personal data (privacy_notice)", [n.source_uri])
}

_published := conditions.items("published_content")

_deepfakes := [p | some p in _published; object.get(p.attributes, "deep_fake", false) == true]

# METADATA
# title: Published deep fakes are disclosed as artificially generated or manipulated
# custom:
#   id: AIACT-50-4-deepfake
#   citation: Art. 50(4) first subparagraph
#   catalogue_ids: [art50.4.deepfake]
#   severity: deny
#   roles: [deployer]
#   evidence_kinds: [published_content]
#   remediation: Label each deep fake as AI-generated or manipulated; for evident art, satire or fiction a discreet disclosure of its existence suffices.
findings contains findings.result(rego.metadata.chain(), {
	"problems": {msg |
		some p in _deepfakes
		not conditions.filled(p.attributes, "disclosure")
		msg := sprintf("deep fake %v is published without a disclosure", [object.get(p.attributes, "id", p.source_uri)])
	},
	"subjects": array.concat(["system"], [sprintf("%v", [object.get(p.attributes, "id", p.source_uri)]) | some p in _deepfakes]),
	"evidence": evidence.hashes(_deepfakes),
	"not_applicable": _na("art50.4.deepfake", "the deployer does not publish deep fakes"),
})

_texts := [p | some p in _published; object.get(p.attributes, "ai_generated_text", false) == true; object.get(p.attributes, "public_interest", false) == true]

_editorial(p) if {
	object.get(p.attributes, "human_review", false) == true
	conditions.filled(p.attributes, "editor")
}

# METADATA
# title: AI-generated text on matters of public interest is disclosed unless under editorial responsibility
# custom:
#   id: AIACT-50-4-text
#   citation: Art. 50(4) second subparagraph
#   catalogue_ids: [art50.4.text]
#   severity: deny
#   roles: [deployer]
#   evidence_kinds: [published_content]
#   remediation: Disclose that the text was AI-generated, or have it reviewed under the editorial responsibility of a named person.
findings contains findings.result(rego.metadata.chain(), {
	"problems": {msg |
		some p in _texts
		not conditions.filled(p.attributes, "disclosure")
		not _editorial(p)
		msg := sprintf("AI-generated text %v on a matter of public interest has neither a disclosure nor human editorial review with a responsible editor", [object.get(p.attributes, "id", p.source_uri)])
	},
	"evidence": evidence.hashes(_texts),
	"not_applicable": _na("art50.4.text", "the deployer does not publish AI-generated text to inform the public"),
})
