"""Texts of backups, restore, retention, erasure and the failure drills (docs/BACKUP.md), merged into
app.messages.TEXTS: code -> (Simplified Chinese, English)."""

from __future__ import annotations

PRIVACY_TEXTS: dict[str, tuple[str, str]] = {
    "backup_invalid": (
        "备份文件 {name} 无法使用:{detail}。没有恢复任何内容。",
        "The backup file {name} cannot be used: {detail}. Nothing was restored.",
    ),
    "backup_wrong_key": (
        "备份文件 {name} 是用另一个机构密钥加密的,本机无法打开。没有恢复任何内容。",
        "The backup file {name} was sealed with another organisation key; this PC cannot open it. "
        "Nothing was restored.",
    ),
    "backup_failed": (
        "无法在 {folder} 写入备份:{detail}。没有留下不完整的文件,数据未受影响。",
        "The backup could not be written to {folder}: {detail}. No partial file was left; the data is "
        "unaffected.",
    ),
    "backup_none_verified": (
        "在 {folder} 中没有找到能通过校验的备份。请联系 IT。",
        "No backup in {folder} passed verification. Please contact IT.",
    ),
    "export_font_missing": (
        "本机没有可用于 PDF 的中文字体(例如文泉驿微米黑 fonts-wqy-microhei),未写入任何文件。"
        "请让 IT 安装后重试,或改用 JSON 格式导出。",
        "No Chinese font for the PDF was found on this PC (e.g. WenQuanYi Micro Hei, fonts-wqy-microhei); "
        "nothing was written. Ask IT to install one, or export as JSON.",
    ),
    "store_in_use": (
        "数据目录 {path} 正被另一个 BranchDesk 窗口或管理命令使用。请先关闭它,再重试。",
        "The data folder {path} is in use by another BranchDesk window or admin command. Close it and "
        "try again.",
    ),
    "store_missing": (
        "数据文件 {path} 在程序运行时被删除或移走。已从仍然打开的副本重新写回,没有丢失数据;请通知 IT。",
        "The data file {path} was deleted or moved while BranchDesk was running. It was written back "
        "from the copy still open, so nothing was lost; please tell IT.",
    ),
    "store_missing_lost": (
        "数据文件 {path} 在程序运行时被删除,且无法写回:{detail}。请勿关闭程序,立即联系 IT。",
        "The data file {path} was deleted while BranchDesk was running and could not be written back: "
        "{detail}. Do not close BranchDesk; contact IT at once.",
    ),
    "disk_full": (
        "磁盘空间已满,本次保存没有完成,之前的数据完好无损。请释放磁盘空间后重试。",
        "The disk is full: this save did not happen and everything saved before is intact. Free some "
        "disk space and try again.",
    ),
    "clock_moved_back": (
        "系统时钟比本机上次记录的时间早了 {hours} 小时。请让 IT 校正时间;在此期间新记录仍会保存,"
        "但时限可能不准确。",
        "The system clock is {hours} hours behind the last time recorded on this PC. Ask IT to correct "
        "it; new records are still saved meanwhile, but deadlines may be off.",
    ),
    "keyring_locked": (
        "密钥环已锁定或不可用({detail})。请解锁系统密钥环(登录后通常会自动解锁)后重试;数据未受影响。",
        "The keyring is locked or unavailable ({detail}). Unlock the system keyring (signing in usually "
        "does) and try again; the data is unaffected.",
    ),
    "store_damaged_offer": (
        "数据文件已损坏({detail}),程序不会写入它。最新一份通过校验的备份是 {created}(客户 {customers} 位,"
        "工单 {cases} 件)。是否用它恢复,然后从总行重新同步之后的工作?",
        "The data file is damaged ({detail}); BranchDesk will not write to it. The newest verified "
        "backup is from {created} ({customers} customers, {cases} cases). Restore it, then re-sync the "
        "later work from head office?",
    ),
    "restored_resync": (
        "已从备份恢复。原数据文件保存在 {replaced}。正在与总行重新同步。",
        "Restored from the backup. The replaced data file is kept in {replaced}. Re-syncing with head "
        "office.",
    ),
    "legal_hold_active": (
        "该记录处于法律保全(诉讼保全)状态,不能删除或清除。",
        "This record is under a legal hold; it cannot be erased or purged.",
    ),
    "legal_hold_reason": ("请填写保全原因或文书编号。", "Enter the reason or the order's reference."),
    "erasure_open_cases": (
        "该客户还有 {count} 件未办结的工单,办结后才能删除其个人信息。",
        "This customer still has {count} open cases; personal data can be erased once they are closed.",
    ),
    "erasure_approver": (
        "需要另一位主管(不是申请人本人)输入用户名和密码批准。",
        "Another supervisor (not the requester) must approve with their user name and password.",
    ),
    "customer_erased": (
        "该客户的个人信息已按要求删除(密钥已销毁),只保留删除记录。",
        "This customer's personal data was erased on request (key destroyed); only the record of the "
        "erasure is kept.",
    ),
    "export_format": ("导出格式只能是 PDF 或 JSON。", "The export format must be PDF or JSON."),
}
