# Art 50 transparency duties, by role: (1) and (2) bind providers, (3) and (4) bind deployers, each
# with its exceptions. Duties are listed for the system whoever holds them; obligations.rego keeps
# only those of the roles assessed.
package aiact.classification

import rego.v1

_crime_why := "exception: authorised by law to detect, prevent, investigate or prosecute criminal offences"

# Art 50(1) exception: authorised by law for criminal-offence purposes, unless the public can use the
# system to report a crime.
_crime_exception_50_1 := _all([
	_is("crime_detection_authorised_by_law", true, ""),
	_is("public_can_report_crime", false, ""),
])

# Deployer duties (Art 50(3)-(4)) need a deployer: an organisation or professional user. A natural
# person in a purely personal activity is not a deployer (Art 2(10), Art 3(4)).
professional_deployer_term := _fact(true, "") if "deployer" in base_roles

professional_deployer_term := _has(
	"user_types", "organisations_or_professionals",
	"only private individuals acting for personal purposes use it; they are not deployers (Art 2(10))",
) if {
	not "deployer" in base_roles
	_answers.user_types
}

professional_deployer_term := _fact(false, "no deployer in this assessment: the only user is a natural person acting in a purely personal capacity (Art 2(10))") if {
	not "deployer" in base_roles
	not _answers.user_types
}

transparency := {
	"art50.1": _all([
		_is("interacts_directly_with_people", true, "people do not interact with it directly"),
		_not(_is("ai_interaction_obvious", true, ""), "exception: it is obvious to a reasonably well-informed person that they interact with an AI system"),
		_not(_crime_exception_50_1, _crime_why),
	]),
	"art50.2": _all([
		_is("generates_synthetic_content", true, "does not generate synthetic audio, image, video or text"),
		_not(_is("editing_assistance_only", true, ""), "exception: only assists standard editing or does not substantially alter the input data"),
		_not(_is("crime_detection_authorised_by_law", true, ""), _crime_why),
	]),
	"art50.3": _all([
		_any([
			_is("emotion_recognition", true, "no emotion recognition"),
			_categorisation,
		]),
		_not(_is("crime_detection_authorised_by_law", true, ""), _crime_why),
		professional_deployer_term,
	]),
	"art50.4.deepfake": _all([
		_is("deepfake_or_intimate_content", true, "does not create deep fakes"),
		_not(_is("crime_detection_authorised_by_law", true, ""), _crime_why),
		professional_deployer_term,
	]),
	"art50.4.text": _all([
		_is("publishes_public_interest_text", true, "no AI-generated text is published to inform the public on matters of public interest"),
		_not(_is("human_editorial_review", true, ""), "exception: human review or editorial control, with editorial responsibility held by a person"),
		_not(_is("crime_detection_authorised_by_law", true, ""), _crime_why),
		professional_deployer_term,
	]),
} if system_assessed

transparency := {} if model_only

transparency_binds := {
	"art50.1": "provider",
	"art50.2": "provider",
	"art50.3": "deployer",
	"art50.4.deepfake": "deployer",
	"art50.4.text": "deployer",
}

# Art 50 does not apply at all where the Act does not (Art 2 exclusions other than Art 2(10)), and is
# moot for a prohibited practice.
transparency_duties := {k | some k, t in transparency; t.v == "yes"} if {
	_system_duties_apply
	count(prohibited_practices) == 0
}

transparency_duties := set() if not _system_duties_apply

transparency_duties := set() if count(prohibited_practices) > 0

_transparency_unknown := union({t.unknown | some t in transparency; t.v == "unknown"})

artistic_work if _answers.artistic_or_satirical_work == true

_transparency_reason := {
	"art50.1": "people interact with it directly and it is not obvious that they deal with an AI system: the provider must design it so they are informed",
	"art50.2": "it generates synthetic audio, image, video or text: the provider must mark outputs in a machine-readable, detectable way",
	"art50.3": "emotion recognition or biometric categorisation: deployers must inform the people exposed",
	"art50.4.deepfake": "it creates deep fakes: deployers must disclose that the content is artificially generated or manipulated",
	"art50.4.text": "AI-generated text published to inform the public on matters of public interest without human editorial responsibility: deployers must disclose it",
}
