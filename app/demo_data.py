"""Generate synthetic but plausible customers for demos and benchmarks, deterministic per seed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from typing import TypeVar

from stdnum.cn import uscc

from app.domain import ConsentPurpose, CustomerDraft, IdType, KycStatus, RiskLevel
from app.validation.id_numbers import resident_id_check_digit
from app.validation.phones import luhn_check_digit

T = TypeVar("T")

# Real county-level region codes (GB/T 2260) from every province, with the place they name;
# the place starts the demo address, so masked addresses (first 6 characters) look real.
REGIONS: tuple[tuple[str, str], ...] = (
    ("110101", "北京市东城区"),
    ("110102", "北京市西城区"),
    ("110105", "北京市朝阳区"),
    ("110108", "北京市海淀区"),
    ("120101", "天津市和平区"),
    ("120104", "天津市南开区"),
    ("130102", "河北省石家庄市长安区"),
    ("140105", "山西省太原市小店区"),
    ("150102", "内蒙古自治区呼和浩特市新城区"),
    ("210102", "辽宁省沈阳市和平区"),
    ("210202", "辽宁省大连市中山区"),
    ("220102", "吉林省长春市南关区"),
    ("230102", "黑龙江省哈尔滨市道里区"),
    ("310101", "上海市黄浦区"),
    ("310104", "上海市徐汇区"),
    ("310110", "上海市杨浦区"),
    ("320102", "江苏省南京市玄武区"),
    ("320106", "江苏省南京市鼓楼区"),
    ("320205", "江苏省无锡市锡山区"),
    ("330102", "浙江省杭州市上城区"),
    ("330106", "浙江省杭州市西湖区"),
    ("340102", "安徽省合肥市瑶海区"),
    ("350102", "福建省福州市鼓楼区"),
    ("350203", "福建省厦门市思明区"),
    ("360102", "江西省南昌市东湖区"),
    ("370102", "山东省济南市历下区"),
    ("370202", "山东省青岛市市南区"),
    ("410105", "河南省郑州市金水区"),
    ("420106", "湖北省武汉市武昌区"),
    ("430102", "湖南省长沙市芙蓉区"),
    ("440104", "广东省广州市越秀区"),
    ("440106", "广东省广州市天河区"),
    ("440304", "广东省深圳市福田区"),
    ("441900", "广东省东莞市"),
    ("450103", "广西壮族自治区南宁市青秀区"),
    ("460105", "海南省海口市秀英区"),
    ("500103", "重庆市渝中区"),
    ("510107", "四川省成都市武侯区"),
    ("520102", "贵州省贵阳市南明区"),
    ("530102", "云南省昆明市五华区"),
    ("540102", "西藏自治区拉萨市城关区"),
    ("610113", "陕西省西安市雁塔区"),
    ("620102", "甘肃省兰州市城关区"),
    ("630102", "青海省西宁市城东区"),
    ("640104", "宁夏回族自治区银川市兴庆区"),
    ("650102", "新疆维吾尔自治区乌鲁木齐市天山区"),
)

# (surname, relative weight): roughly the frequency order of the national surname statistics.
SURNAMES: tuple[tuple[str, int], ...] = (
    *((s, 70) for s in "王李张刘陈"),
    *((s, 30) for s in "杨黄赵吴周徐孙马朱胡郭何林高罗"),
    *(
        (s, 12)
        for s in "郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金"
    ),
    *(
        (s, 5)
        for s in "韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文"
    ),
    ("欧阳", 2),
    ("司马", 1),
    ("上官", 1),
    ("诸葛", 1),
    ("东方", 1),
)
GIVEN_NAME_CHARS = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国文辉玲红燕鹏俊飞婷雪琳晨宇浩欣怡"
    "子涵轩博佳梓睿思雨一诺嘉鑫丹萍波斌宁海峰春兰林云龙凤梅志金亮月晓颖倩昊天瑞泽阳"
)
FOREIGN_GIVEN = ("John", "Emma", "Michael", "Anna", "David", "Maria", "Kenji", "Yuki", "Min-jun")
FOREIGN_FAMILY = ("Smith", "Müller", "Brown", "Tanaka", "Kim", "Garcia", "Nguyen", "O'Brien")
ORG_BRANDS = "华盛恒信达通宏远鑫泰隆兴瑞丰永安创联合和嘉德鼎新"
ORG_TRADES = ("贸易", "科技", "实业", "物流", "餐饮管理", "建筑工程", "电子", "服装", "医药")

# Mobile prefixes in wide use (a subset of what the validator accepts).
MOBILE_PREFIXES: tuple[str, ...] = (
    *(f"13{d}" for d in range(10)),
    *(f"15{d}" for d in range(10) if d != 4),
    "170", "171", "173", "175", "176", "177", "178",
    *(f"18{d}" for d in range(10)),
    "191", "193", "195", "196", "198", "199",
)  # fmt: skip
# UnionPay issuer prefixes (BINs) of large banks; the rest of each number is random.
CARD_BINS = ("622202", "621226", "622848", "621700", "622700", "622588", "621483", "622262")
ROADS = ("人民", "解放", "中山", "建设", "和平", "胜利", "文化", "新华", "长江", "青年", "光明")
ROAD_KINDS = ("路", "大道", "街")

_BIRTH_FIRST = dt.date(1945, 1, 1).toordinal()
_BIRTH_LAST = dt.date(2006, 12, 31).toordinal()
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _weighted(rng: random.Random, choices: Sequence[tuple[T, float]]) -> T:
    values = [value for value, _ in choices]
    weights = [weight for _, weight in choices]
    return rng.choices(values, weights=weights)[0]


def person_name(rng: random.Random) -> str:
    """A Chinese name: a weighted surname and one or two given-name characters."""
    surname = _weighted(rng, SURNAMES)
    given_length = 1 if rng.random() < 0.3 else 2
    return surname + "".join(rng.choice(GIVEN_NAME_CHARS) for _ in range(given_length))


def resident_id(rng: random.Random) -> str:
    """An 18-digit resident ID with a real region code, a 1945–2006 birth date and check digit."""
    region, _place = rng.choice(REGIONS)
    born = dt.date.fromordinal(rng.randint(_BIRTH_FIRST, _BIRTH_LAST))
    first17 = f"{region}{born:%Y%m%d}{rng.randint(1, 999):03d}"
    return first17 + resident_id_check_digit(first17)


def _organisation_code(rng: random.Random) -> str:
    # GB 11714 organisation code: 8 digits and a MOD 11 check character.
    body = "".join(rng.choice("0123456789") for _ in range(8))
    check = 11 - sum(int(d) * w for d, w in zip(body, _ORG_CODE_WEIGHTS, strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def uscc_number(rng: random.Random, region: str) -> str:
    """A USCC of an enterprise (91…) registered in region, with a correct check character."""
    first17 = "91" + region + _organisation_code(rng)
    return first17 + uscc.calc_check_digit(first17)


def mobile_number(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"


def card_number(rng: random.Random) -> str:
    """A UnionPay card number (16 or 19 digits) with a valid Luhn check digit."""
    length = rng.choice((16, 19))
    bin_ = rng.choice(CARD_BINS)
    body = bin_ + "".join(rng.choice("0123456789") for _ in range(length - len(bin_) - 1))
    return body + luhn_check_digit(body)


def address(rng: random.Random, place: str | None = None) -> str:
    """Province/city, district, road, number, and usually building and room."""
    place = place or rng.choice(REGIONS)[1]
    road = rng.choice(ROADS) + rng.choice(ROAD_KINDS)
    text = f"{place}{road}{rng.randint(1, 999)}号"
    if rng.random() < 0.8:
        text += f"{rng.randint(1, 30)}栋{rng.randint(1, 33)}{rng.randint(1, 6):02d}室"
    return text


def _passport_holder(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.5:  # a Chinese citizen presenting a passport (E + 8 digits)
        return person_name(rng), f"E{rng.randint(0, 99_999_999):08d}"
    name = f"{rng.choice(FOREIGN_GIVEN)} {rng.choice(FOREIGN_FAMILY)}"
    letter = rng.choice("CGKLMNPX")
    return name, f"{letter}{rng.randint(0, 99_999_999):08d}"


def _city(place: str) -> str:
    # "河北省石家庄市长安区" -> "石家庄", "北京市朝阳区" -> "北京"
    city = place.split("市", 1)[0]
    for province_end in ("自治区", "省"):
        city = city.split(province_end, 1)[-1]
    return city


def _organisation(rng: random.Random) -> tuple[str, str, str]:
    """Company name, USCC and address, all in the same city."""
    region, place = rng.choice(REGIONS)
    brand = "".join(rng.sample(ORG_BRANDS, 2))
    name = f"{_city(place)}{brand}{rng.choice(ORG_TRADES)}有限公司"
    return name, uscc_number(rng, region), address(rng, place)


def generate_customer_drafts(count: int, seed: int) -> Iterator[CustomerDraft]:
    """Yield count drafts that all pass validation; the same seed yields the same drafts.

    About 95% are individuals with a resident ID, 3% organisations (USCC), 2% passport holders.
    ID numbers are unique within one call.
    """
    rng = random.Random(seed)
    seen: set[str] = set()
    for _ in range(count):
        while True:
            roll = rng.random()
            home = "" if rng.random() < 0.05 else address(rng)
            if roll < 0.03:
                id_type = IdType.USCC
                name, number, home = _organisation(rng)
            elif roll < 0.05:
                id_type = IdType.PASSPORT
                name, number = _passport_holder(rng)
            else:
                id_type = IdType.RESIDENT_ID
                name, number = person_name(rng), resident_id(rng)
            if number not in seen:
                seen.add(number)
                break
        if id_type is IdType.USCC:
            # Corporate settlement accounts: plain account numbers, no card checksum.
            accounts = tuple(f"3{rng.randint(0, 10**16 - 1):016d}" for _ in range(rng.choice((0, 1, 1))))
        else:
            accounts = tuple(card_number(rng) for _ in range(rng.choice((0, 1, 1, 2))))
        yield CustomerDraft(
            name=name,
            id_type=id_type,
            id_number=number,
            mobile=mobile_number(rng),
            address=home,
            accounts=accounts,
            risk_level=_weighted(rng, ((RiskLevel.LOW, 70), (RiskLevel.MEDIUM, 25), (RiskLevel.HIGH, 5))),
            kyc_status=_weighted(
                rng, ((KycStatus.VERIFIED, 80), (KycStatus.PENDING, 15), (KycStatus.EXPIRED, 5))
            ),
            consent_given=True,
            consent_purpose=_weighted(
                rng,
                (
                    (ConsentPurpose.SERVICE, 60),
                    (ConsentPurpose.ACCOUNT, 30),
                    (ConsentPurpose.COMPLAINT, 10),
                ),
            ),
        )
