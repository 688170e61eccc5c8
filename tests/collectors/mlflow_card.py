"""The model card (Hugging Face layout) the MLflow collector tests log as an artifact."""

MODEL_CARD = """---
license: apache-2.0
datasets: [credit_train]
model-index:
- name: credit-scorer
  results:
  - task: {type: tabular-classification}
    dataset: {name: credit_test, type: credit_test, split: test}
    metrics:
    - {type: roc_auc, value: 0.81, name: ROC AUC}
---
# Credit scorer

## Intended uses

Consumer credit scoring.

## Bias, risks, and limitations

Under-represents young applicants.
"""
