"""The canonical keys of the domain and their Chinese labels.

Keys are what files, the database and the CLI use; labels are what people read.
Every other module takes its keys from here so that a typo cannot create a seventh stage.
"""

from __future__ import annotations

# The six stages of a complaint call, in the order they are taught: 听·同·问·办·议·谢.
STAGES: dict[str, str] = {
    "listen": "听",
    "empathize": "同",
    "ask": "问",
    "act": "办",
    "negotiate": "议",
    "thank": "谢",
}

# DISC-like customer personas.
PERSONAS: dict[str, str] = {
    "expressive": "表现型",
    "analytical": "分析型",
    "amiable": "温和型",
    "driver": "支配型",
}
# A phrase that suits every persona.
ALL_PERSONAS = "all"

INDUSTRIES: dict[str, str] = {
    "general": "通用",
    "banking": "银行",
    "heating": "供热",
    "property": "物业",
    "ecommerce": "电商物流",
    "restaurant": "餐饮",
    "telecom": "电信",
    "hotel": "酒店",
    "hospital": "医疗",
}

EMOTIONS: dict[str, str] = {
    "anger": "愤怒",
    "anxiety": "焦虑",
    "disappointment": "失望",
    "neutral": "平静",
}

MOTIVES: dict[str, str] = {
    "suggestion": "建议",
    "venting": "发泄",
    "compensation": "求偿",
    "leverage": "施压",  # a demand tied to a threat; never shown to the agent as 心机
}

# Risk flags. The first four outrank everything else the agent sees: a life, money being stolen
# right now, or a safety hazard come before any complaint handling.
FLAGS: dict[str, str] = {
    "emergency": "紧急险情",  # burst pipe, flooding, gas, trapped in a lift, food poisoning, someone hurt
    "fraud": "正在被骗",  # 安全账户, impersonated police or service staff, money just transferred
    "danger": "人身安危",  # the caller or someone near them is in danger now (self-harm, threats)
    "violence": "暴力威胁",  # the caller threatens violence against staff or others
    "vulnerable": "老弱病独",  # elderly, ill, alone, a child far away: slower, gentler, check safety
    "data_leak": "信息泄露",
    "group": "群体投诉",
    "escalation": "要找领导",
    "media_threat": "曝光威胁",
    "regulator": "投诉监管",
    "abuse": "辱骂",
    "repeat_contact": "重复来电",
    "legal": "法律/录音",
}

# Template kinds and channels (谢/道歉 templates).
TEMPLATE_KINDS: dict[str, str] = {
    "thank": "感谢",
    "apology": "道歉",
    "letter_apology": "书面致歉",
    "followup": "回访",
    "reply": "核查答复",  # not upheld after checking; a complaint passed on by a regulator or 12345
    "notice": "进展/通知",  # interim update, missed deadline, outage SMS
    "handover": "转交/结束通话",  # to a supervisor; ending an abusive call politely
}
CHANNELS: dict[str, str] = {
    "phone": "电话",
    "chat": "在线/短信",
    "letter": "书面信函",
}

# Where a phrase is said: an untagged phrase fits every channel.
PHRASE_CHANNELS: dict[str, str] = {
    "phone": "电话",
    "counter": "柜台/面对面",
    "chat": "在线/文字",
}

# Who may make an offer of compensation; a phrase that offers one names the lowest role allowed.
AUTHORITIES: dict[str, str] = {
    "agent": "坐席",
    "lead": "班组长",
    "manager": "经理/主管",
}

# The five unhelpful thinking patterns of 红转绿 and the green shift that answers each.
THINKING_PATTERNS: dict[str, tuple[str, str]] = {
    "should": ("应该思维", "换位思考"),
    "catastrophizing": ("杞人忧天", "积极解决"),
    "overgeneralizing": ("以偏概全", "了解情况"),
    "black_white": ("非黑即白", "跳出局限"),
    "blaming": ("责备他人", "反思自我"),
}

# Kinds of forbidden expression (禁语) the draft checker explains.
FORBIDDEN_CATEGORIES: dict[str, str] = {
    "shirking": "推诿",
    "blame": "指责客户",
    "overpromise": "过度承诺",
    "sarcasm": "讽刺挖苦",
    "jargon": "专业术语",
    "impatience": "不耐烦",
    "perfunctory": "敷衍",
    "rigid": "生硬搬规定",
    "privacy": "侵犯隐私",
    "compliance": "违规承诺",
}
