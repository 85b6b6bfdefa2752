"""Translatable texts for messages raised in app/ (the UI and CLI render them in the user's language)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.messages_privacy import PRIVACY_TEXTS

# code -> (Simplified Chinese, English). Placeholders use str.format names.
TEXTS: dict[str, tuple[str, str]] = {
    # validation: names and free text
    "required": ("此项为必填项。", "This field is required."),
    "too_long": ("不能超过 {max} 个字符。", "Must be at most {max} characters."),
    "too_short": ("至少需要 {min} 个字符。", "Must be at least {min} characters."),
    "control_chars": (
        "包含不可见的控制字符,请重新输入。",
        "Contains invisible control characters; please retype it.",
    ),
    "name_chars": (
        "姓名只能包含汉字、字母、间隔号(·)、空格和连字符。",
        "A name may contain only Chinese characters, letters, the middle dot (·), spaces and hyphens.",
    ),
    # validation: identity documents
    "rid_length": (
        "居民身份证号码应为 18 位(或旧版 15 位)。",
        "A resident ID number has 18 digits (or 15 for old cards).",
    ),
    "rid_format": (
        "居民身份证号码只能由数字组成,最后一位可以是 X。",
        "A resident ID number is digits only; the last may be X.",
    ),
    "rid_checksum": ("校验位不正确,请核对最后一位。", "The check digit is wrong; check the last character."),
    "rid_birth_date": (
        "号码中的出生日期({date})不存在。",
        "The birth date in the number ({date}) does not exist.",
    ),
    "rid_region": ("号码前 6 位不是有效的行政区划代码。", "The first 6 digits are not a valid region code."),
    "uscc_format": (
        "统一社会信用代码应为 18 位数字或大写字母(不含 I、O、Z、S、V)。",
        "A unified social credit code has 18 digits or capital letters (not I, O, Z, S, V).",
    ),
    "uscc_checksum": (
        "统一社会信用代码校验位不正确。",
        "The unified social credit code's check character is wrong.",
    ),
    "passport_format": (
        "护照号码应为 5 至 17 位字母或数字。",
        "A passport number has 5 to 17 letters or digits.",
    ),
    "mobile_format": (
        "手机号码应为以 1 开头的 11 位数字(可带 +86)。",
        "A mobile number has 11 digits starting with 1 (optionally +86).",
    ),
    "mobile_prefix": ("{prefix} 不是有效的手机号段。", "{prefix} is not a valid mobile number prefix."),
    "card_format": ("卡号应为 12 至 19 位数字。", "A card or account number has 12 to 19 digits."),
    "card_checksum": ("卡号校验位(Luhn)不正确。", "The card number's check digit (Luhn) is wrong."),
    "consent_required": (
        "登记客户信息须先取得客户同意并记录用途。",
        "The customer's consent and its purpose must be recorded before registering.",
    ),
    "duplicate_id": (
        "该证件号码已登记为另一位客户。",
        "This ID number is already registered to another customer.",
    ),
    "reason_required": (
        "请填写原因(至少 {min} 个字符)。",
        "Please give a reason (at least {min} characters).",
    ),
    "search_unrecognised": (
        "请输入完整的身份证号码、手机号码或卡号。",
        "Enter a full ID number, mobile number or card number.",
    ),
    # store and keys
    "key_unavailable": (
        "找不到本机的数据密钥,无法打开客户数据。数据未被改动。\n"
        "恢复方法:请联系分行 IT,用 branchdesk-admin enroll 重新导入机构密钥,"
        "或从备份恢复密钥环。切勿删除数据文件。",
        "The data key for this workstation was not found in the keyring, so customer data cannot be "
        "opened. Nothing was changed.\nTo recover: ask branch IT to re-enrol the organisation key "
        "(branchdesk-admin enroll) or restore the keyring from backup. Do not delete the data file.",
    ),
    "wrong_key": (
        "密钥环中的密钥与本机数据不匹配,无法打开客户数据。数据未被改动。\n"
        "恢复方法:请联系分行 IT 导入正确的机构密钥。",
        "The key in the keyring does not match this workstation's data, so it cannot be opened. "
        "Nothing was changed.\nTo recover: ask branch IT to enrol the correct organisation key.",
    ),
    "no_secure_keyring": (
        "本机没有可用的安全密钥环(如 Windows 凭据管理器或 Secret Service)。为保护客户数据,程序已停止。\n"
        "处理方法:在桌面会话中运行;或由 IT 明确指定密钥环后端(设置 keyring_backend 或环境变量 "
        "PYTHON_KEYRING_BACKEND)。当前检测到的后端:{backend}",
        "This computer offers no secure keyring (such as Windows Credential Manager or Secret "
        "Service). To protect customer data BranchDesk will not start.\nTo fix: run it in a desktop "
        "session, or have IT choose a keyring backend explicitly (the keyring_backend setting or the "
        "PYTHON_KEYRING_BACKEND variable). Backend found: {backend}",
    ),
    "keyring_insecure": (
        "警告:密钥环后端 {backend} 以不加密方式保存数据密钥(由 IT 明确指定)",
        "Warning: keyring backend {backend} keeps the data key unencrypted (chosen explicitly)",
    ),
    "keyring_error": ("无法访问密钥环:{detail}", "The keyring could not be used: {detail}"),
    "store_newer": (
        "数据文件来自更新版本的 BranchDesk(结构版本 {revision}),本版本无法打开。数据未被改动。请升级程序。",
        "The data file was written by a newer BranchDesk (schema {revision}); this version cannot "
        "open it. Nothing was changed. Please upgrade BranchDesk.",
    ),
    "migration_failed_restored": (
        "数据文件升级失败,已从升级前的备份 {backup} 恢复原样,没有丢失数据。请把日志发给 IT;"
        "在问题解决前请使用之前的版本。",
        "Upgrading the data file failed; it was restored from the backup taken just before ({backup}), "
        "so nothing was lost. Send the log to IT and use the previous version until it is fixed.",
    ),
    "migration_failed": (
        "数据文件升级失败,且无法自动恢复。升级前的备份在 {backup}。请勿继续使用,联系 IT 用该备份恢复。",
        "Upgrading the data file failed and it could not be restored automatically. The backup taken "
        "before is {backup}. Stop using this PC and ask IT to restore from it.",
    ),
    "enrolment_file_invalid": (
        "注册文件无效:{detail}。请向总行 IT 重新索取。",
        "The enrolment file is not valid: {detail}. Ask head-office IT for a new one.",
    ),
    "store_corrupt": (
        "数据文件已损坏({detail}),程序不会写入它。请联系 IT 从备份恢复。",
        "The data file is damaged ({detail}); BranchDesk will not write to it. Ask IT to restore a backup.",
    ),
    "store_unwritable": (
        "无法写入数据目录 {path}:{detail}",
        "The data folder {path} cannot be written: {detail}",
    ),
    "decrypt_failed": (
        "一条加密数据无法解密(可能被篡改或密钥不匹配)。",
        "An encrypted value could not be decrypted (it may have been tampered with, or the key is wrong).",
    ),
    "permission_denied": ("您的角色无权执行此操作:{action}", "Your role may not do this: {action}"),
    "not_found": ("找不到该记录,可能已被删除。", "The record was not found; it may have been removed."),
    "stale_version": (
        "该客户信息已被他人修改,请重新打开后再编辑。",
        "This customer was changed by someone else; reopen it and edit again.",
    ),
    # doctor
    "doctor_ok": ("正常:{what}", "OK: {what}"),
    "doctor_problem": ("问题:{what}\n  {detail}", "PROBLEM: {what}\n  {detail}"),
    "doctor_keyring": ("密钥环后端 {backend}", "keyring backend {backend}"),
    "doctor_keyring_plain": (
        "密钥环后端 {backend}(已明确指定,但不加密存储密钥)",
        "keyring backend {backend} (chosen explicitly; stores the key unencrypted)",
    ),
    "doctor_key": ("机构数据密钥与数据文件匹配", "organisation data key matches the store"),
    "doctor_key_none": (
        "尚未创建数据文件与密钥(首次启动时创建)",
        "no store or key yet (created at first start)",
    ),
    "doctor_integrity": ("数据文件完整性检查通过", "store integrity check passed"),
    "doctor_schema": ("数据结构版本 {revision}(最新)", "schema version {revision} (current)"),
    "doctor_schema_old": (
        "数据结构版本 {revision},启动时将升级到 {head}(升级前自动备份)",
        "schema version {revision}; it will be upgraded to {head} at start (backed up first)",
    ),
    "doctor_writable": ("数据目录可写:{path}", "data folder is writable: {path}"),
    # cases
    "illegal_transition": (
        "案件状态不能从“{current}”变为“{target}”。",
        "A case cannot move from “{current}” to “{target}”.",
    ),
    "case_needs_customer": (
        "投诉必须关联已登记的客户。",
        "A complaint must be linked to a registered customer.",
    ),
    "unknown_category": ("请选择有效的投诉分类。", "Choose a valid complaint category."),
    "unknown_business": ("请选择有效的投诉业务类别。", "Choose a valid business category."),
    "agent_incomplete": (
        "代理人须填写姓名、证件号码、联系方式和授权委托书编号。",
        "An agent needs a name, ID number, contact and the power of attorney reference.",
    ),
    "received_in_future": ("受理时间不能晚于当前时间。", "The time received cannot be in the future."),
    "duplicate_target_invalid": (
        "要合并的案件不是该客户同类的未结案件。",
        "The case to merge into is not an open case of this customer and category.",
    ),
    "duplicate_decision_needed": (
        "该客户已有同类未结投诉,请选择合并、补充新事实或另立案件。",
        "The customer has an open complaint of this category: merge, add new facts, or keep it separate.",
    ),
    "callback_not_due": ("案件解决后才能回访。", "A callback is recorded once the case is resolved."),
    "extension_complaints_only": (
        "只有投诉适用监管处理期限的延长。",
        "Only complaints have a regulatory decision period to extend.",
    ),
    "extension_limit": (
        "处理期限只能从当前的 {current} 日延长,且最长不超过 {max} 日(申请:{to} 日)。",
        "The period can only be extended beyond its current {current} days, to at most {max} days "
        "(requested: {to} days).",
    ),
    "extension_needs_approval": (
        "延长至 {limit} 日以上须经上级机构或总行高级管理人员批准,并已告知投诉人。",
        "Extending beyond {limit} days needs a senior manager's approval and a recorded notice to the "
        "complainant.",
    ),
    "case_other_branch": (
        "这是其他网点的案件,仅供查阅,只能由该网点处理。",
        "This case belongs to another branch: it can be read here, but only that branch handles it.",
    ),
    "close_needs_callback": (
        "投诉须完成回访后才能结案;否则须由主管填写原因强制结案。",
        "A complaint needs a callback before closing, or a supervisor's override with a reason.",
    ),
    "override_needs_supervisor": (
        "只有主管可以不经回访结案。",
        "Only a supervisor may close without a callback.",
    ),
    "satisfaction_range": ("满意度应为 1 至 5 分。", "Satisfaction is a score from 1 to 5."),
    "callback_incomplete": (
        "客户已接通时须记录是否接受处理结果和满意度。",
        "When the customer was reached, record whether they accept the result and the score.",
    ),
    "answer_incomplete": (
        "书面答复须包含核实结果、依据和理由,并告知客户可选的后续途径。",
        "The written answer needs the verification result, the basis and reasons, and the options.",
    ),
    "amount_invalid": (
        "金额应为不超过两位小数的正数。",
        "The amount must be positive with at most 2 decimals.",
    ),
    "not_open": ("该案件已结束,不能执行此操作。", "This case is finished; that action is not possible."),
    "reopen_not_possible": (
        "只有已解决、已回访或已结案的案件可以重开。",
        "Only resolved, called-back or closed cases can be reopened.",
    ),
    "owner_required": ("请填写承办人。", "Enter the person who will handle it."),
    "department_unknown": ("请选择有效的承办部门。", "Choose a valid handling department."),
    "status_new": ("新建", "new"),
    "status_acknowledged": ("已受理", "acknowledged"),
    "status_in_progress": ("处理中", "in progress"),
    "status_waiting": ("等待客户/第三方", "waiting"),
    "status_resolved": ("已解决", "resolved"),
    "status_called_back": ("已回访", "called back"),
    "status_closed": ("已结案", "closed"),
    "status_withdrawn": ("已撤回", "withdrawn"),
    # sync
    "central_unreachable": (
        "无法连接总行数据库,数据已保存在本机,恢复连接后自动同步。",
        "The central database cannot be reached; everything is saved here and syncs when it is back.",
    ),
    "pdf_unavailable": (
        "此程序未带版式组件，无法生成 PDF。请用随安装包提供的 branchdesk-admin。",
        "PDFs cannot be made here: run the branchdesk-admin that comes with the installed app.",
    ),
    "central_refused_changes": (
        "总行数据库拒收了 {count} 条变更，已保留在本机，其他数据照常同步。请联系 IT"
        "（branchdesk-admin sync --refused 可列出）。",
        "The central database refused {count} changes; they are kept on this PC and everything else syncs "
        "as usual. Please tell IT (branchdesk-admin sync --refused lists them).",
    ),
    "central_refused": (
        "总行数据库拒绝了一批数据({detail}),这批数据保留在本机待重试。请联系 IT。",
        "The central database refused a batch ({detail}); it stays here to retry. Please tell IT.",
    ),
    "central_schema_missing": (
        "总行数据库尚未初始化(请 DBA 运行 branchdesk-admin central init),暂不同步,本机照常工作。",
        "The central database has no BranchDesk schema yet (the DBA runs branchdesk-admin central init); "
        "not syncing, working locally.",
    ),
    "central_schema_older": (
        "总行数据库结构版本 {found} 低于本程序所需的 {needed},请 DBA 升级;暂不同步,本机照常工作。",
        "The central database schema {found} is older than the {needed} this version needs; the DBA "
        "upgrades it. Not syncing meanwhile; working locally.",
    ),
    "central_schema_newer": (
        "总行数据库结构版本 {found} 比本程序({needed})新,请升级本机 BranchDesk;暂不同步,本机照常工作。",
        "The central database schema {found} is newer than this BranchDesk ({needed}); upgrade this PC. "
        "Not syncing meanwhile; working locally.",
    ),
    "central_not_configured": (
        "尚未配置总行数据库地址(central_url),仅在本机工作。",
        "No central database is configured (central_url); working on this computer only.",
    ),
    "conflict_resolved": ("该冲突已处理。", "This conflict was already resolved."),
    "conflict_not_applicable": (
        "案件的冲突按流程规则自动合并,请在案件中直接修改。",
        "Case conflicts merge by the lifecycle rules; change the case itself instead.",
    ),
    # staff and sign-in
    "password_short": ("密码至少需要 {min} 个字符。", "A password needs at least {min} characters."),
    "password_weak": ("密码须同时包含字母和数字。", "A password needs both letters and digits."),
    "sign_in_failed": ("用户名或密码不正确。", "The user name or password is wrong."),
    "account_locked": (
        "该账号因多次登录失败已被锁定,请在 {minutes} 分钟后重试或联系管理员。",
        "This account is locked after repeated failed sign-ins; try again in {minutes} minutes or ask an "
        "administrator.",
    ),
    "account_disabled": ("该账号已停用。", "This account is disabled."),
    "username_taken": ("该用户名已被使用。", "This user name is already in use."),
    "username_format": (
        "用户名应为 3 至 32 位小写字母、数字、点或下划线。",
        "A user name has 3 to 32 lower-case letters, digits, dots or underscores.",
    ),
    "last_admin": ("不能停用最后一个管理员账号。", "The last administrator account cannot be disabled."),
    "role_unknown": ("未知的角色。", "Unknown role."),
    "config_invalid": ("设置 {name} 的值无效:{detail}", "The setting {name} has an invalid value: {detail}"),
    **PRIVACY_TEXTS,
}

LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True, slots=True)
class Message:
    """A message raised in app/: a code from TEXTS plus its parameters, rendered late."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, language: str = "zh_CN") -> str:
        zh, en = TEXTS[self.code]
        template = en if language.startswith("en") else zh
        # A parameter may itself be a Message (e.g. a status name): rendered in the same language.
        params = {
            name: value.render(language) if isinstance(value, Message) else value
            for name, value in self.params.items()
        }
        return template.format(**params)

    def __str__(self) -> str:
        return self.render("en")
