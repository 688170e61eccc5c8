package aiact.classification_test

import data.aiact.classification as c
import rego.v1

_model := {"gpai_model": true, "model_only": true, "training_compute_flop": 2.0e+23, "designated_systemic_risk": false, "open_source_licence": "free_open_source", "weights_public": true, "monetised": false, "provider_established_in_eu": false, "model_placed_on_market_date": "2026-01-15"}

test_gpai_flag if {
	c.gpai_model with input as inp(_model)
	not c.gpai_model with input as inp({})
	c.gpai_model with input as inp({"built_on_third_party_gpai": true, "modifies_third_party_gpai": true, "modification_compute_share": "more_than_one_third", "training_compute_flop": 1, "designated_systemic_risk": false})
}

test_systemic_risk_presumption_above_1e25 if {
	c.systemic_risk with input as inp(object.union(_model, {"training_compute_flop": 3.0e+25}))
	not c.systemic_risk with input as inp(object.union(_model, {"training_compute_flop": 1.0e+25}))
	c.systemic_risk with input as inp(object.union(_model, {"designated_systemic_risk": true}))
}

test_open_source_exemption_and_where_it_stops if {
	c.open_source_exempt with input as inp(_model)
	not c.open_source_exempt with input as inp(object.union(_model, {"monetised": true}))
	not c.open_source_exempt with input as inp(object.union(_model, {"weights_public": false}))
	not c.open_source_exempt with input as inp(object.union(_model, {"open_source_licence": "restricted"}))
	not c.open_source_exempt with input as inp(object.union(_model, {"training_compute_flop": 5.0e+25}))
}

test_legacy_gpai_model if {
	c.legacy_gpai_model with input as inp(object.union(_model, {"model_placed_on_market_date": "2025-03-01"}))
	not c.legacy_gpai_model with input as inp(_model)
}

test_gpai_unknown_compute_is_undetermined if {
	"training_compute_flop" in c.undetermined with input as inp(object.union(_model, {"training_compute_flop": "unknown"}))
	count(c.undetermined) == 0 with input as inp(_model)
}

test_downstream_modifier if {
	c.downstream_modifier with input as inp({"built_on_third_party_gpai": true, "modifies_third_party_gpai": true, "modification_compute_share": "more_than_one_third", "training_compute_flop": 1, "designated_systemic_risk": false})
	not c.downstream_modifier with input as inp(_model)
}
