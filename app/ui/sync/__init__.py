"""Sync with HQ at the desk: the controller (network and USB runs on the worker), the sync
dialog, the status-bar indicator and the Arabic texts of sync outcomes."""
