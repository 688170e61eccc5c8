# General-purpose AI models, Arts 51-55: the model flag, systemic risk (the 10^25 FLOP presumption of
# Art 51(2) or a Commission designation), the open-source exemption of Art 53(2) / 54(6) and where it
# stops, the Art 54 authorised representative, and downstream modifiers.
package aiact.classification

import rego.v1

# Art 51(2): high-impact capabilities are presumed when cumulative training compute is greater than 10^25 FLOP.
systemic_threshold_flop := 1.0e25

downstream_modifier if {
	_answers.modification_compute_share == "more_than_one_third"
	_answers.gpai_model != true
}

gpai_term := _any([
	_is("gpai_model", true, "no general-purpose AI model is provided in this assessment"),
	_in("modification_compute_share", ["more_than_one_third"], "no modification of a general-purpose AI model using more than one third of its training compute"),
])

gpai_model if gpai_term.v == "yes"

systemic_term := _all([
	gpai_term,
	_any([
		_gt("training_compute_flop", systemic_threshold_flop, "training compute is not greater than 10^25 FLOP (Art 51(2))"),
		_is("designated_systemic_risk", true, "not designated by the Commission nor evaluated as having high-impact capabilities (Art 51(1))"),
	]),
])

systemic_risk if systemic_term.v == "yes"

# Art 53(2), 54(6): free and open-source release with public weights, architecture and usage
# information, not monetised (recital 103), and without systemic risk.
open_source_exemption_term := _all([
	gpai_term,
	_in("open_source_licence", ["free_open_source"], "not released under a free and open-source licence allowing access, use, modification and distribution"),
	_is("weights_public", true, "weights, architecture and usage information are not all publicly available"),
	_is("monetised", false, "the release is monetised (recital 103)"),
	_not(systemic_term, "the exemption never applies to models with systemic risk"),
])

open_source_exempt if open_source_exemption_term.v == "yes"

non_eu_provider if _answers.provider_established_in_eu == false

_gpai_unknown := union({t.unknown | some t in [gpai_term, systemic_term]; t.v == "unknown"}) | _os_unknown

_os_unknown := open_source_exemption_term.unknown if {
	gpai_model
	open_source_exemption_term.v == "unknown"
}

_os_unknown := set() if not gpai_model

_os_unknown := set() if {
	gpai_model
	open_source_exemption_term.v != "unknown"
}

# Art 111(3): models placed on the market before 2025-08-02 comply by 2027-08-02.
legacy_gpai_model if {
	gpai_model
	d := _answers.model_placed_on_market_date
	is_string(d)
	d != "unknown"
	d < "2025-08-02"
}
