"""Translated display names for the customer domain's enums, and date formatting."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from app.domain import ConsentPurpose, CustomerField, IdType, KycStatus, RiskLevel
from ui.formatting import BRANCH_ZONE, format_datetime

__all__ = ["BRANCH_ZONE"]  # imported from here by older views


def id_type_label(value: IdType) -> str:
    return {
        IdType.RESIDENT_ID: QCoreApplication.translate("CustomerLabels", "Resident ID card"),
        IdType.PASSPORT: QCoreApplication.translate("CustomerLabels", "Passport"),
        IdType.USCC: QCoreApplication.translate("CustomerLabels", "Unified social credit code"),
    }.get(value, str(value))


def risk_label(value: RiskLevel) -> str:
    return {
        RiskLevel.LOW: QCoreApplication.translate("CustomerLabels", "Low"),
        RiskLevel.MEDIUM: QCoreApplication.translate("CustomerLabels", "Medium"),
        RiskLevel.HIGH: QCoreApplication.translate("CustomerLabels", "High"),
    }.get(value, str(value))


def kyc_label(value: KycStatus) -> str:
    return {
        KycStatus.PENDING: QCoreApplication.translate("CustomerLabels", "Pending"),
        KycStatus.VERIFIED: QCoreApplication.translate("CustomerLabels", "Verified"),
        KycStatus.EXPIRED: QCoreApplication.translate("CustomerLabels", "Expired"),
    }.get(value, str(value))


def purpose_label(value: ConsentPurpose) -> str:
    return {
        ConsentPurpose.SERVICE: QCoreApplication.translate("CustomerLabels", "Customer service"),
        ConsentPurpose.COMPLAINT: QCoreApplication.translate("CustomerLabels", "Complaint handling"),
        ConsentPurpose.ACCOUNT: QCoreApplication.translate("CustomerLabels", "Account and card servicing"),
    }.get(value, str(value))


def field_label(value: CustomerField | str) -> str:
    return {
        CustomerField.NAME: QCoreApplication.translate("CustomerLabels", "Name"),
        CustomerField.ID_NUMBER: QCoreApplication.translate("CustomerLabels", "ID number"),
        CustomerField.MOBILE: QCoreApplication.translate("CustomerLabels", "Mobile"),
        CustomerField.ADDRESS: QCoreApplication.translate("CustomerLabels", "Address"),
        CustomerField.ACCOUNTS: QCoreApplication.translate("CustomerLabels", "Accounts"),
        "id_type": QCoreApplication.translate("CustomerLabels", "ID type"),
        "risk_level": QCoreApplication.translate("CustomerLabels", "Risk level"),
        "kyc_status": QCoreApplication.translate("CustomerLabels", "KYC status"),
        "consent": QCoreApplication.translate("CustomerLabels", "Consent"),
        "consent_given": QCoreApplication.translate("CustomerLabels", "Consent"),
        "consent_purpose": QCoreApplication.translate("CustomerLabels", "Purpose"),
    }.get(value, str(value))


def action_label(action: str) -> str:
    """History actions as the service records them; unknown ones are shown as they are."""
    return {
        "register": QCoreApplication.translate("CustomerLabels", "Registered"),
        "registered": QCoreApplication.translate("CustomerLabels", "Registered"),
        "create": QCoreApplication.translate("CustomerLabels", "Registered"),
        "update": QCoreApplication.translate("CustomerLabels", "Changed"),
        "updated": QCoreApplication.translate("CustomerLabels", "Changed"),
        "reveal": QCoreApplication.translate("CustomerLabels", "Value shown"),
    }.get(action, action)


def format_time(value: dt.datetime | None) -> str:
    """Branch time in the interface language (ui/formatting.py)."""
    return format_datetime(value)
