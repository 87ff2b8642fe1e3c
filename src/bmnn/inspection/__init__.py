"""Self-inspection: finding categories, detectors, checklists, runs, remediation ("4 rõ")."""
