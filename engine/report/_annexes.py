"""Reference lists the documents are laid out by: Annex IV points, Annex V items, Art 27(1) items.

Paraphrased from ``shared/reference/aiact-catalogue.yaml`` (catalogue 1.0.0; Annex IV and Annex V are unchanged by
Regulation (EU) 2026/1744). Ids are the catalogue ids, so findings map onto them through ``catalogue_ids``.
"""

from __future__ import annotations

__all__ = ["ANNEX_IV", "ANNEX_V", "ART27", "ARTICLE_TITLES", "STATUS_ORDER", "STATUS_LABELS"]

# (catalogue id, short label, description, evidence that usually documents it)
ANNEX_IV: tuple[tuple[str, str, str, str], ...] = (
    ("annex_iv.1.a", "1(a)", "Intended purpose, provider, system version and relation to previous versions",
     "version history; intended-purpose statement"),
    ("annex_iv.1.b", "1(b)", "Interaction with external hardware or software, including other AI systems",
     "interface / integration specification"),
    ("annex_iv.1.c", "1(c)", "Versions of relevant software or firmware; version-update requirements",
     "SBOM / dependency manifest; update policy"),
    ("annex_iv.1.d", "1(d)", "Forms in which the system is placed on the market or put into service",
     "distribution-channel list"),
    ("annex_iv.1.e", "1(e)", "Hardware on which the system is intended to run", "hardware requirements"),
    ("annex_iv.1.f", "1(f)", "Where a product component: photographs or illustrations of the product",
     "product photographs / drawings"),
    ("annex_iv.1.g", "1(g)", "Basic description of the user interface provided to the deployer",
     "UI description / screenshots"),
    ("annex_iv.1.h", "1(h)", "Instructions for use for the deployer", "instructions for use (Art 13)"),
    ("annex_iv.2.a", "2(a)", "Development methods and steps, pre-trained systems and third-party tools used",
     "development process; third-party component register"),
    ("annex_iv.2.b", "2(b)", "Design specifications: logic, key choices with rationale and assumptions, "
     "optimisation objectives, trade-offs", "design specification / model card"),
    ("annex_iv.2.c", "2(c)", "System architecture; computational resources used to develop, train, test, validate",
     "architecture diagrams; compute accounting"),
    ("annex_iv.2.d", "2(d)", "Data requirements (datasheets): training methods, data sets, provenance, labelling, "
     "cleaning", "datasheets / data cards"),
    ("annex_iv.2.e", "2(e)", "Assessment of the human oversight measures needed (Art 14)",
     "human oversight assessment"),
    ("annex_iv.2.f", "2(f)", "Pre-determined changes to the system and its performance",
     "change-control plan"),
    ("annex_iv.2.g", "2(g)", "Validation and testing procedures, metrics, dated and signed test logs and reports",
     "test plans; signed and dated test reports"),
    ("annex_iv.2.h", "2(h)", "Cybersecurity measures", "security architecture; threat model; pen-test report"),
    ("annex_iv.3.a", "3(a)", "Capabilities and limitations of performance, accuracy for persons or groups",
     "performance report with subgroup metrics"),
    ("annex_iv.3.b", "3(b)", "Foreseeable unintended outcomes and sources of risk", "risk analysis extract"),
    ("annex_iv.3.c", "3(c)", "Human oversight measures (Art 14)", "oversight measures description"),
    ("annex_iv.3.d", "3(d)", "Specifications on input data", "input data specification"),
    ("annex_iv.4", "4", "Appropriateness of the performance metrics", "metric-selection rationale"),
    ("annex_iv.5", "5", "Detailed description of the risk management system (Art 9)",
     "risk management plan; risk register"),
    ("annex_iv.6", "6", "Relevant changes made by the provider through the lifecycle", "change log"),
    ("annex_iv.7", "7", "Harmonised standards or other solutions applied to meet Chapter III Section 2",
     "standards-applied list"),
    ("annex_iv.8", "8", "Copy of the EU declaration of conformity (Art 47)", "signed EU declaration"),
    ("annex_iv.9", "9", "Post-market monitoring: performance evaluation system and plan (Art 72)", "PMM plan"),
)

# (catalogue id, number, what the item must contain)
ANNEX_V: tuple[tuple[str, str, str], ...] = (
    ("annexV.1", "1", "AI system name and type and any additional unambiguous reference allowing the "
     "identification and traceability of the AI system"),
    ("annexV.2", "2", "Name and address of the provider or, where applicable, of its authorised representative"),
    ("annexV.3", "3", "A statement that the EU declaration of conformity referred to in Article 47 is issued "
     "under the sole responsibility of the provider"),
    ("annexV.4", "4", "A statement that the AI system is in conformity with this Regulation and, if applicable, "
     "with any other relevant Union law that provides for the issuing of a declaration of conformity"),
    ("annexV.5", "5", "Where the AI system involves the processing of personal data, a statement that it complies "
     "with Regulations (EU) 2016/679 and (EU) 2018/1725 and Directive (EU) 2016/680"),
    ("annexV.6", "6", "References to any relevant harmonised standards used or any other common specification in "
     "relation to which conformity is declared"),
    ("annexV.7", "7", "Where applicable, the name and identification number of the notified body, a description "
     "of the conformity assessment procedure performed, and identification of the certificate issued"),
    ("annexV.8", "8", "The place and date of issue of the declaration, the name and function of the person who "
     "signed it, as well as an indication for, or on behalf of whom, that person signed, a signature"),
)

# (catalogue id, letter, what the FRIA must describe, prompt for the author)
ART27: tuple[tuple[str, str, str, str], ...] = (
    ("art27.1.a", "(a)", "The deployer's processes in which the high-risk AI system will be used in line with "
     "its intended purpose", "Describe each business process, who operates the system and at which decision step."),
    ("art27.1.b", "(b)", "The period of time within which, and the frequency with which, each high-risk AI system "
     "is intended to be used", "State the start date, planned duration and expected volume (e.g. decisions/day)."),
    ("art27.1.c", "(c)", "The categories of natural persons and groups likely to be affected by its use in the "
     "specific context", "List affected groups, including vulnerable groups, and how many persons."),
    ("art27.1.d", "(d)", "The specific risks of harm likely to have an impact on those categories, taking into "
     "account the information given by the provider pursuant to Article 13",
     "For each group: the fundamental right at stake, the harm, its likelihood and severity."),
    ("art27.1.e", "(e)", "A description of the implementation of human oversight measures, according to the "
     "instructions for use", "Name the oversight roles, their training and their power to override."),
    ("art27.1.f", "(f)", "The measures to be taken where those risks materialise, including the arrangements for "
     "internal governance and complaint mechanisms", "Describe escalation, remedies and the complaint channel."),
)

ARTICLE_TITLES: dict[str, str] = {
    "4": "AI literacy", "5": "Prohibited AI practices", "6": "Classification as high-risk",
    "9": "Risk management system", "10": "Data and data governance", "11": "Technical documentation",
    "12": "Record-keeping", "13": "Transparency and information to deployers", "14": "Human oversight",
    "15": "Accuracy, robustness and cybersecurity", "16": "Obligations of providers",
    "17": "Quality management system", "18": "Documentation keeping", "19": "Automatically generated logs",
    "20": "Corrective actions and duty of information", "21": "Cooperation with competent authorities",
    "22": "Authorised representatives", "23": "Obligations of importers", "24": "Obligations of distributors",
    "25": "Responsibilities along the AI value chain", "26": "Obligations of deployers",
    "27": "Fundamental rights impact assessment", "43": "Conformity assessment",
    "47": "EU declaration of conformity", "48": "CE marking", "49": "Registration", "50": "Transparency obligations",
    "53": "Obligations of providers of general-purpose AI models", "54": "Authorised representatives of GPAI providers",
    "55": "GPAI models with systemic risk", "72": "Post-market monitoring", "73": "Reporting of serious incidents",
    "86": "Right to explanation of individual decision-making",
}

# Display order: what needs attention first.
STATUS_ORDER = ("error", "fail", "manual", "waived", "not_yet_applicable", "pass", "not_applicable")
STATUS_LABELS = {
    "pass": "Pass", "fail": "Fail", "error": "Error", "manual": "Manual", "waived": "Waived",
    "not_yet_applicable": "Not yet applicable", "not_applicable": "Not applicable", "not_assessed": "Not assessed",
}
