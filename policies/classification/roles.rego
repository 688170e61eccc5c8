# Roles held (Art 3(3)-(8), Art 3(68)) and roles gained along the value chain (Art 25; downstream
# modifiers of general-purpose AI models under the Commission GPAI guidelines).
package aiact.classification

import rego.v1

_act(x) if x in _activities

_personal_user if _answers.personal_non_professional_use == true

base_roles contains "provider" if _act("develops_and_places_on_market")

base_roles contains "deployer" if {
	_act("uses")
	not _personal_user
}

base_roles contains "importer" if _act("imports")

base_roles contains "distributor" if _act("distributes")

base_roles contains "authorised_representative" if _act("authorised_representative")

base_roles contains "product_manufacturer" if _act("integrates_into_own_product")

base_roles contains "gpai_provider" if _answers.gpai_model == true

base_roles contains "downstream_provider" if {
	_answers.built_on_third_party_gpai == true
	some a in ["develops_and_places_on_market", "integrates_into_own_product"]
	_act(a)
}

# --- Art 25: becoming the provider of a high-risk system -----------------------------------------

_not_yet_provider if not _act("develops_and_places_on_market")

# Art 25(1)(a): own name or trademark on a high-risk system already on the market.
art25_triggers["art25.1.a"] := "you put your name or trademark on a high-risk system already placed on the market" if {
	_not_yet_provider
	high_risk_term.v == "yes"
	_answers.rebrands_system == true
}

# Art 25(1)(b): substantial modification of a high-risk system that remains high-risk.
art25_triggers["art25.1.b"] := "you substantially modified a high-risk system and it remains high-risk" if {
	_not_yet_provider
	high_risk_term.v == "yes"
	_answers.substantially_modified == true
}

# Art 25(1)(c): a changed intended purpose makes a (non-high-risk, incl. general-purpose) system high-risk.
art25_triggers["art25.1.c"] := "you use or offer the system for a purpose its provider did not intend, and that purpose is high-risk" if {
	_not_yet_provider
	high_risk_term.v == "yes"
	_answers.changed_intended_purpose == true
}

# Art 25(3): the manufacturer of an Annex I Section A product is the provider of the high-risk
# safety component it places on the market or puts into service with the product under its name.
art25_triggers["art25.3"] := "you place the high-risk AI system on the market with your Annex I Section A product under your name" if {
	_not_yet_provider
	high_risk_route == "annex_i"
	annex_i_section == "A"
	_act("integrates_into_own_product")
}

# Unknown Art 25 facts leave the roles open when the system is high-risk.
_art25_unknown contains q if {
	_not_yet_provider
	high_risk_term.v == "yes"
	some q in ["rebrands_system", "substantially_modified", "changed_intended_purpose"]
	_answers[q] == "unknown"
}

gained_roles contains "provider" if count(art25_triggers) > 0

# Downstream modifier: a modification using more than one third of the original model's training
# compute makes the modifier the provider of a (new) general-purpose AI model (GPAI guidelines).
gained_roles contains "gpai_provider" if _answers.modification_compute_share == "more_than_one_third"

roles := base_roles | gained_roles
