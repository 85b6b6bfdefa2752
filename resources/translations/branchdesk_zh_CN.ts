<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/errors.py" line="+101"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>BranchDesk ran into an unexpected problem. Your last action may not have been completed; check the result before continuing.
Please copy the details below and send them to branch IT. They contain no customer data.</source>
        <translation>BranchDesk 遇到了意外问题。您刚才的操作可能没有完成，请先核对结果再继续。
请复制下面的详细信息并发送给分行 IT。其中不含任何客户数据。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
<context>
    <name>CustomerDetailView</name>
    <message>
        <location filename="../../ui/customers/detail_view.py" line="+58"/>
        <source>Search for a customer or pick one from the list.</source>
        <translation>请查询客户，或从列表中选择一位客户。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Personal information (masked)</source>
        <translation>个人信息（已脱敏）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Customer record</source>
        <translation>客户档案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KYC status</source>
        <translation>身份识别状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent</source>
        <translation>授权同意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent recorded</source>
        <translation>同意时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last changed</source>
        <translation>最近修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Branch</source>
        <translation>所属网点</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Change history</source>
        <translation>变更记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Staff</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fields</source>
        <translation>涉及字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+74"/>
        <source>Reveal…</source>
        <translation>查看明文…</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>Show the full value for a short time; a reason is required and logged.</source>
        <translation>短时显示完整信息；须填写原因，并记入操作日志。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Given — purpose: %1</source>
        <translation>已同意 — 用途：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not given</source>
        <translation>未同意</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>hides in %1 s</source>
        <translation>%1 秒后隐藏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
</context>
<context>
    <name>CustomerEditorDialog</name>
    <message>
        <location filename="../../ui/customers/editor_dialog.py" line="+76"/>
        <source>Edit customer</source>
        <translation>修改客户信息</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Register customer</source>
        <translation>登记客户</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>11 digits, e.g. 13812345678</source>
        <translation>11 位数字，例如 13812345678</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One card or account number per line</source>
        <translation>每行一个卡号或账号</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The customer consents to their data being kept for</source>
        <translation>客户同意其信息用于</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why is this record being changed?</source>
        <translation>为什么要修改此记录？</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobile</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cards / accounts</source>
        <translation>卡号 / 账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KYC status</source>
        <translation>身份识别状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent</source>
        <translation>授权同意</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason for change</source>
        <translation>变更原因</translation>
    </message>
</context>
<context>
    <name>CustomerLabels</name>
    <message>
        <location filename="../../ui/customers/labels.py" line="+17"/>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pending</source>
        <translation>待核实</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verified</source>
        <translation>已核实</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Customer service</source>
        <translation>客户服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint handling</source>
        <translation>投诉处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account and card servicing</source>
        <translation>账户及银行卡服务</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobile</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts</source>
        <translation>卡号 / 账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KYC status</source>
        <translation>身份识别状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Consent</source>
        <translation>授权同意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value shown</source>
        <translation>查看明文</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../ui/customers/panel.py" line="+64"/>
        <source>Full ID / mobile / card number, then Enter</source>
        <translation>输入完整的证件号码、手机号码或卡号，按回车查询</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Register customer…</source>
        <translation>登记客户…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Find customer</source>
        <translation>查询客户</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Recently registered or changed customers</source>
        <translation>最近登记或修改的客户</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Customers found: %1</source>
        <translation>找到客户：%1 位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No customer found for this number.</source>
        <translation>未找到与该号码匹配的客户。</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Customer registered.</source>
        <translation>客户已登记。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer record changed.</source>
        <translation>客户信息已修改。</translation>
    </message>
</context>
<context>
    <name>CustomerResultsModel</name>
    <message>
        <location filename="../../ui/customers/results_model.py" line="+103"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobile</source>
        <translation>手机号码</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="-69"/>
        <source>BranchDesk</source>
        <translation>BranchDesk</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>BranchDesk cannot start</source>
        <translation>BranchDesk 无法启动</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+31"/>
        <source>BranchDesk — branch %1, workstation %2</source>
        <translation>BranchDesk — 网点 %1，工作站 %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Customer</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find customer</source>
        <translation>查询客户(&amp;F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Register customer…</source>
        <translation>登记客户(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit customer…</source>
        <translation>修改客户信息(&amp;E)…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About BranchDesk</source>
        <translation>关于 BranchDesk(&amp;A)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Opening the customer data store…</source>
        <translation>正在打开客户数据…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Store: %1</source>
        <translation>数据文件：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>About BranchDesk</source>
        <translation>关于 BranchDesk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>BranchDesk — customer information and case handling for branch counter staff.
Personal data is stored encrypted and shown masked; every reveal is logged.</source>
        <translation>BranchDesk — 面向网点柜面人员的客户信息与业务受理系统。
个人信息加密存储、脱敏显示；每次查看明文都会记入操作日志。</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <location filename="../../ui/customers/reveal_dialog.py" line="+36"/>
        <source>Reveal %1</source>
        <translation>查看明文：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The full value will be shown for a short time. Why do you need to see it? Your reason is recorded in the operation log.</source>
        <translation>完整信息将短时显示。请说明查看原因，原因将记入操作日志。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. customer asked to confirm the number</source>
        <translation>例如：客户要求核对号码</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reveal</source>
        <translation>查看</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Field: %1</source>
        <translation>字段：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
</TS>
