"""Demo cases spread over the past six months, taken in and handled through the real services."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet

from sqlalchemy.orm import Session

from app.case_domain import CallbackDraft, CaseDraft, CaseRef, DuplicateDecision, RemedyDraft
from app.context import ServiceContext
from app.domain import Actor, CaseKind, CaseStatus, Channel, ComplaintType, RemedyKind, Role, Severity
from app.permissions import Permission, has_permission
from app.services import callbacks, case_actions, intake

# (summary, facts, request, business code): the business category fits the summary's story.
SUMMARIES: dict[ComplaintType | None, Sequence[tuple[str, str, str, str]]] = {
    ComplaintType.SERVICE: (
        ("排队等候时间过长", "客户在网点排队超过一小时,仅开放两个窗口。", "希望增加窗口并道歉", "B01"),
        ("柜员服务态度差", "客户办理挂失时柜员语气生硬,未解释所需材料。", "要求网点道歉", "B030102"),
        ("业务办理流程繁琐", "修改预留手机号需多次往返网点。", "希望简化流程", "B0501"),
    ),
    ComplaintType.PRODUCT: (
        ("年费重复扣收", "借记卡年费在十月被扣收两次。", "退还多扣的年费", "B030102"),
        ("理财产品风险未充分揭示", "客户称购买时未被告知产品可能亏损本金。", "要求解释并赔偿损失", "B04"),
        ("贷款利率与合同不符", "还款计划中的利率高于合同约定。", "按合同利率重新计算", "B0201"),
    ),
    ComplaintType.SYSTEM: (
        ("手机银行转账失败但已扣款", "转账提示失败,账户余额却已减少。", "尽快退回款项", "B0505"),
        ("ATM吞卡", "在自助银行取款时银行卡被吞。", "尽快取回银行卡", "B030103"),
        ("网上银行无法登录", "连续三天登录网上银行提示系统繁忙。", "恢复服务并说明原因", "B0505"),
    ),
    ComplaintType.POLICY: (
        ("开户要求提供过多材料", "开立个人账户被要求提供工作证明。", "说明依据", "B0501"),
        ("个人信息被用于营销", "客户频繁收到未同意的营销短信。", "停止营销并说明信息来源", "B0904"),
    ),
    None: (
        ("咨询存款利率", "客户询问三年期定期存款利率。", "", "B01"),
        ("预约大额取现", "客户预约下周二取现二十万元。", "", "B01"),
        ("办理挂失补卡", "客户银行卡遗失,申请挂失并补办。", "", "B030102"),
    ),
}
# Causes that name the product themselves (fees of a card, collection of a loan ...): the business
# category follows the cause; other causes (attitude, waiting, rules) take the summary's.
CAUSE_BUSINESS: dict[str, tuple[str, ...]] = {
    "C0201": ("B030103",),
    "C0202": ("B0505",),
    "C0203": ("B9903",),
    "C0204": ("B9901",),
    "C04": ("B04", "B1001", "B1005"),
    "C05": ("B04", "B030202", "B0204"),
    "C06": ("B1001", "B0201"),
    "C07": ("B030102", "B030202", "B0201"),
    "C08": ("B04", "B1005"),
    "C09": ("B0201", "B0204", "B030202"),
    "C1001": ("B030105", "B030206"),
    "C1002": ("B0502", "B0505"),
    "C1003": ("B0502",),
    "C1101": ("B0904",),
    "C1102": ("B0904",),
    "C1103": ("B0903",),
    "C12": ("B1201", "B1202"),
}
UNCLASSIFIED_SHARE = 0.2  # of the cases other than complaints, taken without a business category


def business_for(rng: random.Random, kind: CaseKind, cause_code: str, summary_business: str) -> str:
    options = CAUSE_BUSINESS.get(cause_code) or CAUSE_BUSINESS.get(cause_code[:3])
    if kind is CaseKind.COMPLAINT:
        return rng.choice(options) if options else summary_business
    return "" if rng.random() < UNCLASSIFIED_SHARE else summary_business


KINDS = (
    (CaseKind.COMPLAINT, 45),
    (CaseKind.INQUIRY, 30),
    (CaseKind.SERVICE_REQUEST, 15),
    (CaseKind.APPOINTMENT, 10),
)
SEVERITIES = ((Severity.GENERAL, 80), (Severity.MAJOR, 15), (Severity.URGENT, 5))
CHANNELS = (
    (Channel.COUNTER, 50),
    (Channel.PHONE, 20),
    (Channel.APP, 12),
    (Channel.WECHAT, 8),
    (Channel.WEBSITE, 6),
    (Channel.LETTER, 4),
)
HANDLERS = ("li.na", "wang.fang", "zhang.wei", "liu.yang", "chen.jing")


class DemoClock:
    """The demo moves time forward case by case, so deadlines and timelines look lived-in."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def _pick(rng: random.Random, weighted: Sequence[tuple[object, int]]) -> object:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _draft(
    rng: random.Random, ctx: ServiceContext, customers: Sequence[str], organisations: AbstractSet[str]
) -> CaseDraft:
    kind = _pick(rng, KINDS)
    cause = rng.choice(ctx.reference.taxonomy.causes())
    texts = SUMMARIES[cause.internal_type if kind is CaseKind.COMPLAINT else None]
    summary, description, outcome, business = rng.choice(texts)
    anonymous = kind is not CaseKind.COMPLAINT and rng.random() < 0.2
    customer = None if anonymous or not customers else rng.choice(customers)
    return CaseDraft(
        customer_id=customer,
        legal_representative="王建国" if customer in organisations else "",
        channel=_pick(rng, CHANNELS),  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        category_code=cause.code,
        business_code=business_for(rng, kind, cause.code, business),  # type: ignore[arg-type]
        severity=_pick(rng, SEVERITIES) if kind is CaseKind.COMPLAINT else Severity.GENERAL,  # type: ignore[arg-type]
        summary=summary,
        description=description,
        desired_outcome=outcome or "答复客户",
        products="借记卡" if rng.random() < 0.5 else "",
    )


def _handle(
    session: Session,
    ctx: ServiceContext,
    supervisor: ServiceContext,
    ref: CaseRef,
    kind: CaseKind,
    age: dt.timedelta,
    rng: random.Random,
    advance: Callable[[dt.timedelta], None],
) -> None:
    """Play out a plausible history; the younger the case, the less of it has happened. The staff member
    who took the case in follows it through (首问负责); a remedy is the supervisor's decision."""

    def step(hours: float) -> None:
        advance(dt.timedelta(hours=hours))

    step(rng.uniform(0.01, 0.08))
    ref, _ = case_actions.change_status(session, ctx, ref, CaseStatus.ACKNOWLEDGED)
    if age < dt.timedelta(days=1) or rng.random() < 0.06:
        return  # still open; some of these end up overdue
    if kind is CaseKind.COMPLAINT and rng.random() < 0.3:
        step(rng.uniform(1, 20))
        department = rng.choice(ctx.reference.departments()).code
        ref, _ = case_actions.transfer_case(
            session, ctx, ref, department, rng.choice(HANDLERS), "转交专业部门处理"
        )
        step(rng.uniform(2, 20))
        ref, _ = case_actions.add_note(session, ctx, ref, "部门已联系客户核实情况", department_reply=True)
    step(rng.uniform(1, 30))
    ref, _ = case_actions.change_status(session, ctx, ref, CaseStatus.IN_PROGRESS)
    if age < dt.timedelta(days=5) and rng.random() < 0.5:
        return
    step(rng.uniform(4, 24 * (9 if rng.random() < 0.15 else 4)))  # some resolve late
    if kind is CaseKind.COMPLAINT and rng.random() < 0.4:
        remedy = RemedyDraft(rng.choice(list(RemedyKind)), None, "向客户说明情况并致歉")
        ref, _ = case_actions.record_remedy(session, supervisor, ref, remedy)
    ref, _ = case_actions.change_status(session, ctx, ref, CaseStatus.RESOLVED)
    step(rng.uniform(2, 60))
    if rng.random() < 0.15:
        ref, _ = callbacks.record_callback(
            session, ctx, ref, CallbackDraft(reached=False, comment="无人接听")
        )
        step(rng.uniform(2, 24))
    satisfaction = rng.choices((5, 4, 3, 2, 1), weights=(55, 25, 10, 6, 4))[0]
    accepts = satisfaction >= 3
    ref, _ = callbacks.record_callback(
        session, ctx, ref, CallbackDraft(reached=True, accepts_result=accepts, satisfaction=satisfaction)
    )
    if not accepts and rng.random() < 0.5:
        step(rng.uniform(1, 24))
        ref, _ = case_actions.reopen_case(session, ctx, ref, "客户不接受处理结果")
        return
    step(rng.uniform(1, 24))
    case_actions.close_case(session, ctx, ref)


def add_demo_cases(
    session_scope: Callable[[], object],
    ctx: ServiceContext,
    customers: Sequence[str],
    organisations: AbstractSet[str],
    count: int,
    seed: int,
    staff: Sequence[Actor] = (),
) -> int:
    """Take in `count` cases received over the past 180 days, oldest first; returns how many. Those of
    `staff` who may write cases take them in, spread by the seed, and a supervisor among them records
    remedies; without staff the context's actor does everything."""
    rng = random.Random(seed)
    # Who takes a case in is drawn from a stream of its own, so a seed gives the same cases with or
    # without staff (the benchmark and fixture stores are built without).
    staff_rng = random.Random(f"demo-staff-{seed}")
    clock = DemoClock()
    now = clock.now
    offsets = sorted((rng.uniform(0, 180) for _ in range(count)), reverse=True)
    base_ctx = dataclasses.replace(ctx, clock=clock)
    desks = [
        dataclasses.replace(base_ctx, actor=actor)
        for actor in staff
        if has_permission(actor, Permission.CASE_WRITE)
    ] or [base_ctx]
    supervisor_actor = next(
        (actor for actor in staff if actor.role is Role.SUPERVISOR),
        dataclasses.replace(ctx.actor, role=Role.SUPERVISOR),
    )
    supervisor = dataclasses.replace(base_ctx, actor=supervisor_actor)
    added = 0
    for days_ago in offsets:
        received = now - dt.timedelta(days=days_ago)
        clock.now = received
        handler_ctx = staff_rng.choice(desks)
        draft = _draft(rng, handler_ctx, customers, organisations)
        with session_scope() as session:  # type: ignore[attr-defined]
            if (
                draft.kind is CaseKind.COMPLAINT
                and draft.customer_id
                and intake.find_duplicates(session, handler_ctx, draft.customer_id, draft.category_code)
            ):
                draft = dataclasses.replace(draft, duplicate_decision=DuplicateDecision.SEPARATE)
            ref, _ = intake.submit_case(session, handler_ctx, draft)

            def advance(delta: dt.timedelta) -> None:
                clock.now = min(clock.now + delta, now)

            _handle(session, handler_ctx, supervisor, ref, draft.kind, now - received, rng, advance)
        added += 1
    return added
