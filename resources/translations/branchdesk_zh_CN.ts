<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/help/about.py" line="+53"/>
        <source>About BranchDesk</source>
        <translation>关于柜面服务台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none configured (working locally only)</source>
        <translation>未配置(仅在本机工作)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Branch / workstation</source>
        <translation>网点/工作站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local store</source>
        <translation>本地数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log files</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User settings</source>
        <translation>个人设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site settings (IT)</source>
        <translation>站点设置（IT）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Central database</source>
        <translation>中心数据库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>BranchDesk — customer information and case handling for branch counter staff</source>
        <translation>柜面服务台 — 面向网点柜面人员的客户信息与案件处理系统</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Personal data is stored encrypted and shown masked; every reveal is logged.</source>
        <translation>个人信息加密存储、脱敏显示；每次查看明文均记入日志。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Copy details</source>
        <translation>复制信息(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../ui/cases/action_dialog.py" line="+114"/>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <location filename="../../ui/audit/model.py" line="+179"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Object type</source>
        <translation>对象类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <location filename="../../ui/audit/viewer.py" line="+75"/>
        <source>Operation log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Double-click a staff or object cell to filter by it</source>
        <translation>双击员工或对象单元格,即按其筛选</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Any staff member</source>
        <translation>全部员工</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A prefix ending in a dot (customer.) matches every action that starts with it; anything else must match exactly (customer.reveal).</source>
        <translation>以点结尾的前缀(如 customer.)匹配以其开头的所有操作;其他内容须与操作完全一致(如 customer.reveal)。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Any object</source>
        <translation>全部对象</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear filters</source>
        <translation>清除筛选条件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Staff ID</source>
        <translation>员工编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Object ID</source>
        <translation>对象编号</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The start date is after the end date.</source>
        <translation>起始日期晚于截止日期。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 entries (as of %2)</source>
        <translation>共 %1 条记录(截至 %2)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export operation log</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The file could not be written: %1</source>
        <translation>无法写入文件:%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exported %1 entries to %2</source>
        <translation>已将 %1 条记录导出到 %2</translation>
    </message>
</context>
<context>
    <name>AuthActions</name>
    <message>
        <location filename="../../ui/auth/actions.py" line="+38"/>
        <source>&amp;Operation log…</source>
        <translation>操作日志(&amp;O)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hide all customer data until you enter your password (Ctrl+L)</source>
        <translation>隐藏所有客户信息,输入密码后恢复(Ctrl+L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;witch user…</source>
        <translation>切换用户(&amp;W)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Si&amp;gn out</source>
        <translation>退出登录(&amp;G)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed-in staff member</source>
        <translation>当前登录的员工</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
</context>
<context>
    <name>AuthLabels</name>
    <message>
        <location filename="../../ui/auth/labels.py" line="+12"/>
        <source>Teller</source>
        <translation>柜员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auditor</source>
        <translation>审计员</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (%2)</source>
        <translation>%1(%2)</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../ui/dashboard/charts.py" line="+116"/>
        <source>No figures to show</source>
        <translation>暂无可显示的数据</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>target %1</source>
        <translation>目标 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>BusinessPicker</name>
    <message>
        <location filename="../../ui/intake/category_picker.py" line="+110"/>
        <source>Type a code or words of the product or business</source>
        <translation>输入业务类别编码或业务关键字</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../../ui/cases/action_forms.py" line="+28"/>
        <location line="+1"/>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+33"/>
        <location line="+114"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>The customer was contacted</source>
        <translation>已联系客户</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The handling department replied</source>
        <translation>承办部门已答复</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+1"/>
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Transfer case</source>
        <translation>转办案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first handler stays accountable; the transfer is kept in the timeline.</source>
        <translation>首问责任人仍对案件负责；转办记录保留在处理记录中。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transfer</source>
        <translation>转办</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Department</source>
        <translation>承办部门</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Owner (staff ID)</source>
        <translation>承办人(工号)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The named person who handles it</source>
        <translation>指定的具体承办人</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+15"/>
        <location line="+48"/>
        <location filename="../../ui/cases/outcome_forms.py" line="+168"/>
        <location line="+15"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Escalate case</source>
        <translation>升级案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escalate</source>
        <translation>升级</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Extend the decision period</source>
        <translation>延长处理期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complex complaints: 30 days. Up to 60 days only with a senior manager&apos;s approval and a notice to the complainant. Now: %1 days.</source>
        <translation>复杂投诉可延长至 30 日；延长至 60 日须经高级管理人员批准并告知投诉人。当前期限：%1 日。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Extend</source>
        <translation>延长</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 days</source>
        <translation>%1 日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extend to</source>
        <translation>延长至</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approved by (staff ID)</source>
        <translation>批准人(工号)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+23"/>
        <source>Notice to the complainant</source>
        <translation>告知投诉人的内容</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Pause for external appraisal</source>
        <translation>暂停计时(外部鉴定)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appraisal, testing or valuation time is not counted; the complainant must be told.</source>
        <translation>鉴定、检测、评估所需时间不计入处理期限，须告知投诉人。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Resume after appraisal</source>
        <translation>鉴定结束，恢复计时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+4"/>
        <source>Enter an amount in yuan, e.g. 50 or 50.00.</source>
        <translation>请输入金额(元)，例如 50 或 50.00。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Record remedy</source>
        <translation>登记补救措施</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/cases/outcome_forms.py" line="-156"/>
        <location line="+43"/>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remedy</source>
        <translation>补救措施</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Amount (yuan)</source>
        <translation>金额(元)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compensation or waived fee, if any</source>
        <translation>补偿或减免的金额(如有)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Details</source>
        <translation>详细说明</translation>
    </message>
    <message>
        <location filename="../../ui/cases/actions.py" line="+75"/>
        <source>Add &amp;note…</source>
        <translation>添加备注(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change &amp;status…</source>
        <translation>变更状态(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Transfer…</source>
        <translation>转办(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Escalate…</source>
        <translation>升级(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xtend decision period…</source>
        <translation>延长处理期限(&amp;X)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Pause for appraisal…</source>
        <translation>鉴定暂停计时(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Res&amp;ume after appraisal…</source>
        <translation>恢复计时(&amp;U)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record &amp;remedy…</source>
        <translation>登记补救措施(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written &amp;answer…</source>
        <translation>书面答复(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record call&amp;back…</source>
        <translation>登记回访(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lose case…</source>
        <translation>结案(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;open…</source>
        <translation>重新开启(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Withdraw…</source>
        <translation>撤回(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/cases/outcome_forms.py" line="-49"/>
        <source>Record the written answer</source>
        <translation>登记书面答复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The answer states the verification result, its basis and reasons, any remedies, and the complainant&apos;s options if they disagree.</source>
        <translation>答复应写明核实结果、处理依据和理由、补救措施，以及投诉人如有异议可采取的途径。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Verification result</source>
        <translation>核实结果</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Basis and reasons</source>
        <translation>处理依据和理由</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remedies</source>
        <translation>补救措施</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Options</source>
        <translation>救济途径</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Record callback</source>
        <translation>登记回访</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The customer was reached</source>
        <translation>已联系到客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+4"/>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Yes, accepts the result</source>
        <translation>是，接受处理结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No, does not accept it</source>
        <translation>否，不接受处理结果</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>neutral</source>
        <translation>一般</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accepts the result</source>
        <translation>是否接受处理结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>客户意见</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose whether the customer accepts the result.</source>
        <translation>请选择客户是否接受处理结果。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the customer&apos;s satisfaction score.</source>
        <translation>请选择客户的满意度评分。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>This complaint has had no successful callback. Only a supervisor may close it now, giving the reason; otherwise record the callback first.</source>
        <translation>该投诉尚未成功回访。现在结案须由主管填写原因；否则请先完成回访。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The case and its timeline are archived; it can be reopened with a reason.</source>
        <translation>案件及其处理记录将归档；如有需要可说明原因后重新开启。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <source>Close case</source>
        <translation>结案</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason for closing without a callback</source>
        <translation>未回访即结案的原因</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reopen case</source>
        <translation>重新开启案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopen</source>
        <translation>重新开启</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Withdraw case</source>
        <translation>撤回案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer withdrew the request; the case stops and stays on record.</source>
        <translation>客户撤回诉求；案件停止处理并保留记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
</context>
<context>
    <name>CaseDetailView</name>
    <message>
        <location filename="../../ui/cases/detail_view.py" line="+107"/>
        <source>← Back to queue (Esc)</source>
        <translation>← 返回案件队列(Esc)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print rece&amp;ipt…</source>
        <translation>打印受理回执(&amp;I)…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Customer erased</source>
        <translation>客户信息已删除</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>投诉分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product / business</source>
        <translation>产品/业务类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>承办人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>承办部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First handler</source>
        <translation>首问责任人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision period</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Facts and grounds</source>
        <translation>事实与理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer&apos;s request</source>
        <translation>客户诉求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Products / accounts</source>
        <translation>涉及产品/账户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff complained about</source>
        <translation>被投诉员工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What the customer said</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deadlines (China time)</source>
        <translation>处理时限(北京时间)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Binding</source>
        <translation>当前约束</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Timeline (newest first)</source>
        <translation>处理记录(最新在前)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1 — %2, %3</source>
        <translation>%1 — %2，%3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 days</source>
        <translation>%1 日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, escalated</source>
        <translation>，已升级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, reopened %1×</source>
        <translation>，已重新开启 %1 次</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No registered customer</source>
        <translation>未关联已登记客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erased on request</source>
        <translation>已按客户要求删除</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>power of attorney %1</source>
        <translation>授权委托书 %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(erased)</source>
        <translation>(已删除)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>◀ binds</source>
        <translation>◀ 当前约束</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 (estimated)</source>
        <translation>%1(预估)</translation>
    </message>
</context>
<context>
    <name>CaseLabels</name>
    <message>
        <location filename="../../ui/cases/labels.py" line="+26"/>
        <source>Counter</source>
        <translation>营业网点柜面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone hotline</source>
        <translation>电话热线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobile app</source>
        <translation>手机银行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat / social media</source>
        <translation>微信/社交媒体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inquiry</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service request</source>
        <translation>服务请求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appointment</source>
        <translation>预约</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledged</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Called back</source>
        <translation>已回访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Received</source>
        <translation>受理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status changed</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned</source>
        <translation>分派</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transferred</source>
        <translation>转办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escalated</source>
        <translation>升级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision period extended</source>
        <translation>延长处理期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused for appraisal</source>
        <translation>鉴定暂停计时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resumed after appraisal</source>
        <translation>鉴定结束恢复计时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remedy</source>
        <translation>补救措施</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written answer</source>
        <translation>书面答复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed without callback</source>
        <translation>未回访结案(主管)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopened</source>
        <translation>重新开启</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat complaint merged</source>
        <translation>重复投诉合并</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New facts (clocks restarted)</source>
        <translation>补充新事实(重新计时)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compensation</source>
        <translation>经济补偿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fee waiver</source>
        <translation>费用减免</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apology</source>
        <translation>赔礼道歉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explanation</source>
        <translation>解释说明</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Review by the upper-level institution (30 days)</source>
        <translation>向上级机构申请核查(30 日内)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mediation</source>
        <translation>调解</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arbitration</source>
        <translation>仲裁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Litigation</source>
        <translation>诉讼</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Counter response</source>
        <translation>柜面响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handling department contacted</source>
        <translation>联系承办部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handling department result</source>
        <translation>承办部门处理结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initial investigation</source>
        <translation>初步调查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress feedback</source>
        <translation>进展反馈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution</source>
        <translation>办结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result fed back to the customer</source>
        <translation>处理结果反馈客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision and notice (regulatory)</source>
        <translation>作出处理决定并告知(监管时限)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Running</source>
        <translation>计时中</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+117"/>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location line="-116"/>
        <location line="+117"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Met</source>
        <translation>按时完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Met late</source>
        <translation>超期完成</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>overdue %1</source>
        <translation>已超期 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing pending</source>
        <translation>无待办时限</translation>
    </message>
</context>
<context>
    <name>CaseQueueModel</name>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="+357"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next deadline</source>
        <translation>最近时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>承办人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
</context>
<context>
    <name>CaseQueuePanel</name>
    <message>
        <location filename="../../ui/cases/queue_panel.py" line="+75"/>
        <source>Case number, or the customer&apos;s full ID / mobile / card number, then Enter</source>
        <translation>案件编号，或客户完整证件号/手机号/卡号，按回车查询</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any severity</source>
        <translation>全部严重程度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter by status</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by kind</source>
        <translation>按类型筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by severity</source>
        <translation>按严重程度筛选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nearest deadline first</source>
        <translation>最近时限优先</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newest first</source>
        <translation>最新受理优先</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open only</source>
        <translation>仅未结案件(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mine</source>
        <translation>我的(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due &amp;today</source>
        <translation>今日到期(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due &amp;soon</source>
        <translation>即将到期(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>O&amp;verdue</source>
        <translation>已超期(&amp;V)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show all cases</source>
        <translation>显示全部案件</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Sort:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find case</source>
        <translation>查询案件</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Cases from the dashboard: %1</source>
        <translation>来自仪表板的案件：%1</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>%1 cases</source>
        <translation>共 %1 件</translation>
    </message>
</context>
<context>
    <name>CategoryPicker</name>
    <message>
        <location filename="../../ui/intake/category_picker.py" line="-71"/>
        <source>Type a code or words of the cause</source>
        <translation>输入分类编码或原因关键字</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="+67"/>
        <source>Sync conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Two workstations changed the same record at the same time: one change was kept, the other was set aside and is listed here. Apply the losing version to make it current, or dismiss it.</source>
        <translation>两台工作站同时修改了同一条记录:其中一项修改被保留,另一项被搁置并列在此处。可以应用被覆盖的版本使其成为当前版本,或忽略它。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detected</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost edit from</source>
        <translation>被覆盖修改来自</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept (current)</source>
        <translation>保留值(当前)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost</source>
        <translation>被覆盖值</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No unresolved conflicts.</source>
        <translation>没有待处理的冲突。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Apply losing version</source>
        <translation>应用被覆盖的版本(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the losing values as a new version; it syncs like any edit, with the reason recorded</source>
        <translation>将被覆盖的内容保存为新版本;它会像其他修改一样同步,并记录原因</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Dismiss</source>
        <translation>忽略(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the current values and mark this conflict as reviewed</source>
        <translation>保留当前内容,并将此冲突标记为已处理</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 differences</source>
        <translation>%1 处差异</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/errors.py" line="+120"/>
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
    <name>CustomerBox</name>
    <message>
        <location filename="../../ui/intake/customer_box.py" line="+35"/>
        <source>Find c&amp;ustomer…</source>
        <translation>查询客户(&amp;U)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search the customer in the Customers tab (Ctrl+F), then come back</source>
        <translation>在“客户”页查询客户(Ctrl+F)，然后返回</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re&amp;gister new…</source>
        <translation>登记新客户(&amp;G)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No customer</source>
        <translation>不关联客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inquiries and appointments may be taken without a customer</source>
        <translation>咨询和预约可以不关联客户</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>No customer chosen — find or register one (complaints need one).</source>
        <translation>尚未选择客户 — 请查询或登记客户(投诉必须关联客户)。</translation>
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
        <location line="+79"/>
        <source>Reveal…</source>
        <translation>查看明文…</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Show the full value for a short time; a reason is required and logged.</source>
        <translation>短时显示完整信息；须填写原因，并记入操作日志。</translation>
    </message>
    <message>
        <location line="+31"/>
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
        <location filename="../../ui/customers/panel.py" line="+72"/>
        <source>Full ID / mobile / card number, then Enter</source>
        <translation>输入完整的证件号码、手机号码或卡号，按回车查询</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search &amp;other branches</source>
        <translation>查询其他网点(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fetch this customer&apos;s records from other branches (needs the central database; logged)</source>
        <translation>从其他网点调取该客户的记录(需要连接总行数据库;将记录日志)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Customers found</source>
        <translation>查到的客户</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Register customer…</source>
        <translation>登记客户…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Erase customer…</source>
        <translation>删除客户信息…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase customer</source>
        <translation>删除客户信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export customer data…</source>
        <translation>导出客户数据…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export customer data</source>
        <translation>导出客户数据</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Find customer</source>
        <translation>查询客户</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Recently registered or changed customers</source>
        <translation>最近登记或修改的客户</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Other branches: %1 customers, %2 cases</source>
        <translation>其他网点:%1 位客户,%2 个案件</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Customers found: %1</source>
        <translation>找到客户：%1 位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No customer found for this number.</source>
        <translation>未找到与该号码匹配的客户。</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Customer registered.</source>
        <translation>客户已登记。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer record changed.</source>
        <translation>客户信息已修改。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Customer&apos;s personal data erased.</source>
        <translation>客户个人信息已删除。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer data exported to %1</source>
        <translation>客户数据已导出到 %1</translation>
    </message>
</context>
<context>
    <name>CustomerPrivacy</name>
    <message>
        <location filename="../../ui/customers/privacy_ops.py" line="+35"/>
        <source>The export could not be written to %1 (%2). Nothing was recorded; choose another folder and try again.</source>
        <translation>导出文件无法写入 %1(%2)。未作任何记录;请选择其他文件夹后重试。</translation>
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
    <name>DashboardPanel</name>
    <message>
        <location filename="../../ui/dashboard/panel.py" line="+81"/>
        <source>This branch</source>
        <translation>本网点</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Any kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Export report…</source>
        <translation>导出报告(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the period&apos;s report as PDF, spreadsheet (.xlsx) and CSV</source>
        <translation>将本期报告导出为 PDF、电子表格(.xlsx)和 CSV</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Report export progress</source>
        <translation>报告导出进度</translation>
    </message>
    <message>
        <location line="+215"/>
        <source>Folder for the report files</source>
        <translation>选择报告文件的保存文件夹</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Report written: %1</source>
        <translation>报告已生成：%1</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <location filename="../../ui/intake/duplicate_dialog.py" line="+30"/>
        <source>Open complaint of the same category</source>
        <translation>存在同类未结投诉</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This customer already has an open complaint of the same category within the processing period. The same complaint without new facts is merged into the open case; with new facts it is recorded there and its deadlines start again; a different matter gets a case of its own.</source>
        <translation>该客户在处理期限内已有同类未结投诉。同一投诉且无新事实的，合并到原案件；有新事实的，记入原案件并重新计算处理时限；不同事项的，另立案件。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;Merge: the same complaint, no new facts</source>
        <translation>合并(&amp;M)：同一投诉，无新事实</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New facts: record them on that case (deadlines restart)</source>
        <translation>补充新事实(&amp;N)：记入原案件(重新计时)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Separate: a different matter, a case of its own</source>
        <translation>另立案件(&amp;S)：不同事项，单独立案</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save case</source>
        <translation>保存案件</translation>
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
    <name>HelpActions</name>
    <message>
        <location filename="../../ui/help/actions.py" line="+42"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language and colours (Ctrl+,)</source>
        <translation>语言和配色(Ctrl+,)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;User guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The guide to the screen in front of you (F1)</source>
        <translation>当前界面的使用说明（F1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键一览(&amp;K)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Check setup…</source>
        <translation>检查配置(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyring, encryption key, local store and schema</source>
        <translation>密钥环、加密密钥、本地数据库及其结构</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About BranchDesk</source>
        <translation>关于柜面服务台(&amp;A)</translation>
    </message>
</context>
<context>
    <name>HelpViewer</name>
    <message>
        <location filename="../../ui/help/viewer.py" line="+79"/>
        <source>BranchDesk user guide</source>
        <translation>柜面服务台使用指南</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back</source>
        <translation>后退(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Contents</source>
        <translation>目录(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chapters</source>
        <translation>章节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User guide</source>
        <translation>使用指南</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../ui/intake/form.py" line="+99"/>
        <source>One line: what is it about?</source>
        <translation>一句话概括诉求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What happened, when, and why the customer objects</source>
        <translation>发生了什么、何时发生、客户为何不满</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the customer asks the bank to do</source>
        <translation>客户要求银行如何处理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Product names, card or account references</source>
        <translation>产品名称、卡号或账号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Received earlier (letter, call):</source>
        <translation>实际受理时间(信函、来电)：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The complainant is an &amp;agent acting for the customer</source>
        <translation>投诉人为客户的代理人(&amp;A)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reference of the power of attorney</source>
        <translation>授权委托书编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Save case</source>
        <translation>保存案件(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save and print the receipt (Ctrl+Enter)</source>
        <translation>保存并打印受理回执(Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard this draft (Esc)</source>
        <translation>放弃本次填写(Esc)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+Enter saves · Esc discards · * required for complaints</source>
        <translation>Ctrl+Enter 保存 · Esc 放弃 · * 为投诉必填项</translation>
    </message>
    <message>
        <location line="+229"/>
        <source>Case %1 saved.</source>
        <translation>案件 %1 已保存。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Discard draft</source>
        <translation>放弃填写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard this case draft? What you typed is lost.</source>
        <translation>确定放弃本次填写的案件吗？已输入的内容将丢失。</translation>
    </message>
    <message>
        <location filename="../../ui/intake/layout.py" line="+42"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Category</source>
        <translation>投诉分类</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Product / business</source>
        <translation>产品/业务类别</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Facts and grounds</source>
        <translation>事实与理由</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Customer&apos;s request</source>
        <translation>客户诉求</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Products / accounts</source>
        <translation>涉及产品/账户</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Staff complained about</source>
        <translation>被投诉员工</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
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
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Power of attorney</source>
        <translation>授权委托书</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Details</source>
        <translation>补充信息</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/auth/lock_screen.py" line="+50"/>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Switch user…</source>
        <translation>切换用户…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>BranchDesk</source>
        <translation>BranchDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No one is signed in.</source>
        <translation>当前无人登录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in with your staff account to see customers and cases.</source>
        <translation>请使用员工账号登录,登录后方可查看客户和案件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>BranchDesk is locked</source>
        <translation>BranchDesk 已锁定</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Signed in: %1</source>
        <translation>当前登录:%1</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Enter your password to continue, or switch to another staff member (this signs you out).</source>
        <translation>输入密码继续使用,或切换为其他员工(当前员工将退出登录)。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+313"/>
        <source>BranchDesk — branch %1, workstation %2</source>
        <translation>BranchDesk — 网点 %1，工作站 %2</translation>
    </message>
    <message>
        <location line="-259"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case queue</source>
        <translation>案件队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main screens</source>
        <translation>主要界面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take in a complaint, inquiry, request or appointment (Ctrl+N)</source>
        <translation>受理投诉、咨询、服务请求或预约(Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases and their deadlines (Ctrl+Shift+Q)</source>
        <translation>案件及其处理时限(Ctrl+Shift+Q)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New case</source>
        <translation>新建案件(&amp;N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Case &amp;queue</source>
        <translation>案件队列(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Print receipt…</source>
        <translation>打印受理回执(&amp;P)…</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+8"/>
        <source>No customer shown yet. Press Ctrl+F, type a full ID, mobile or card number and press Enter. Not registered? Ctrl+Shift+N.</source>
        <translation>尚未显示客户。按 Ctrl+F，输入完整的证件号码、手机号码或卡号，然后按 Enter。客户未登记?按 Ctrl+Shift+N。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No cases here. Press Ctrl+N to take in a new case, or change the filters above.</source>
        <translation>这里没有案件。按 Ctrl+N 受理新案件，或调整上方的筛选条件。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service-quality figures and the monthly report</source>
        <translation>服务质量指标与月度报告</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Open a case first to print its receipt.</source>
        <translation>请先打开一个案件，再打印其受理回执。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opening the customer data store…</source>
        <translation>正在打开客户数据…</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+53"/>
        <source>Store: %1</source>
        <translation>数据文件：%1</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+2"/>
        <source>Keyring not secure</source>
        <translation>密钥环不安全</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <location filename="../../ui/maintenance.py" line="+110"/>
        <source>Scheduled backup written: %1</source>
        <translation>定时备份已写入:%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Retention: %1 closed cases purged, %2 customers erased (past their period)</source>
        <translation>保存期限到期清理:已清除 %1 件已办结工单,已删除 %2 位客户的信息</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The scheduled backup failed: %1</source>
        <translation>定时备份失败:%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The retention run failed: %1</source>
        <translation>保存期限清理失败:%1</translation>
    </message>
</context>
<context>
    <name>PrivacyDialog</name>
    <message>
        <location filename="../../ui/customers/privacy_dialog.py" line="+58"/>
        <source>Erase customer</source>
        <translation>删除客户信息</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+81"/>
        <source>Export customer data</source>
        <translation>导出客户数据</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Erase all personal data of %1. The customer&apos;s data key is destroyed: name, ID number, mobile, address and accounts can never be read again, on this PC, in the backups here and on the share, and at head office after the next sync. Cases are kept without their personal text. Only the record that an erasure happened remains.

This cannot be undone. It is refused while the customer is under a legal hold or has open cases.</source>
        <translation>删除 %1 的全部个人信息。该客户的数据密钥将被销毁:姓名、证件号码、手机号码、地址和账户在本机、本机及共享目录中的备份里,以及下次同步后在总行,都将永远无法再读取。工单会保留,但不含个人信息文字。只保留“曾执行删除”这一记录。

此操作无法撤销。客户处于法律保全状态或仍有未办结工单时,将拒绝删除。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Everything held on this PC about %1 (personal fields, change history, cases with their timelines) is written, decrypted, to the PDF or JSON file you choose (the file name&apos;s ending decides which). Hand it only to the customer and keep it safe. The export is recorded in the operation log.</source>
        <translation>本机保存的关于 %1 的全部信息(个人信息字段、变更历史、工单及其处理经过)将以解密后的明文写入您选择的 PDF 或 JSON 文件(格式由文件扩展名决定)。请只交给客户本人并妥善保管。本次导出会记入操作日志。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What will happen</source>
        <translation>将要执行的操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approving supervisor&apos;s user name</source>
        <translation>批准主管的用户名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approving supervisor&apos;s password</source>
        <translation>批准主管的密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approving supervisor</source>
        <translation>批准主管</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their password</source>
        <translation>主管密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I understand the erasure cannot be undone</source>
        <translation>我已知悉删除后无法撤销</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Export file</source>
        <translation>导出文件</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the export file</source>
        <translation>选择导出文件</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Why it was not done</source>
        <translation>未执行的原因</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Erase for ever</source>
        <translation>永久删除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../../ui/receipt/document.py" line="+25"/>
        <source>Acceptance receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>We have received your request and registered it under the case number below. Please keep this receipt and quote the case number whenever you contact us.</source>
        <translation>您的诉求我们已受理并登记，案件编号如下。请妥善保管本回执，联系我们时请提供案件编号。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received (China time)</source>
        <translation>受理时间(北京时间)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product / business</source>
        <translation>产品/业务类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>诉求摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户信息</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>Our deadlines</source>
        <translation>处理时限承诺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>处理环节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By (China time)</source>
        <translation>最迟完成时间(北京时间)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(estimated)</source>
        <translation>(预估)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(estimated): the official holiday calendar for that year is not published yet; the date may move when it is.</source>
        <translation>(预估)：该年度法定节假日安排尚未公布，公布后日期可能调整。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>We will answer you at once.</source>
        <translation>我们将当场为您解答。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to follow up</source>
        <translation>查询与联系方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Branch</source>
        <translation>受理网点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Branch telephone</source>
        <translation>网点电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer service hotline</source>
        <translation>客服热线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by (staff ID)</source>
        <translation>受理人(工号)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ask at the counter</source>
        <translation>请咨询柜面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>receipt</source>
        <translation>受理回执</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../ui/receipt/dialog.py" line="+43"/>
        <source>Acceptance receipt %1</source>
        <translation>受理回执 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Receipt preview</source>
        <translation>回执预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the receipt (Ctrl+P)</source>
        <translation>打印受理回执(Ctrl+P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as P&amp;DF…</source>
        <translation>另存为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the receipt as a PDF file (Ctrl+S)</source>
        <translation>将受理回执保存为 PDF 文件(Ctrl+S)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Receipt &amp;language</source>
        <translation>回执语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save receipt as PDF</source>
        <translation>将受理回执保存为 PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The file could not be written.</source>
        <translation>无法写入该文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../ui/dashboard/labels.py" line="+16"/>
        <source>Service-quality report</source>
        <translation>服务质量报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All branches</source>
        <translation>全部网点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>统计期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff member</source>
        <translation>员工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everyone</source>
        <translation>全部员工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown staff member (…%1)</source>
        <translation>未知员工(…%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Figures as of (China time)</source>
        <translation>数据截至(北京时间)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open cases</source>
        <translation>未结案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In warning</source>
        <translation>临近到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases received</source>
        <translation>受理案件数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopen rate</source>
        <translation>重开率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median first response</source>
        <translation>首次响应时长中位数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median resolution time</source>
        <translation>办结时长中位数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callback rate (complaints)</source>
        <translation>投诉回访率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfaction (target 90%)</source>
        <translation>满意度(目标 90%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NPS</source>
        <translation>净推荐值(NPS)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Right now</source>
        <translation>当前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases received in the period</source>
        <translation>本期受理案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On-time rate per deadline</source>
        <translation>各时限按时率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Met</source>
        <translation>按时完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Met late</source>
        <translation>逾期完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past due</source>
        <translation>已超期未完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On time</source>
        <translation>按时率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rates (%) against the 90% target</source>
        <translation>各项比率(%)与 90% 目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target 90%</source>
        <translation>目标 90%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By category (JR/T 0169 cause)</source>
        <translation>按投诉原因分类(JR/T 0169)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By channel</source>
        <translation>按渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By type (service, product, system, policy)</source>
        <translation>按类型(服务、产品、系统、制度)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By product (JR/T 0169 business category)</source>
        <translation>按产品分类(JR/T 0169 投诉业务类别)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not classified</source>
        <translation>未分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By staff member</source>
        <translation>按员工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases per week</source>
        <translation>每周案件数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases per month</source>
        <translation>每月案件数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hot spots: categories rising against the previous period</source>
        <translation>热点:较上期上升的分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No category rose against the previous period.</source>
        <translation>与上期相比没有分类上升。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous period</source>
        <translation>上期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Overdue and reopened cases</source>
        <translation>超期及重开案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received (China time)</source>
        <translation>受理时间(北京时间)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category code</source>
        <translation>分类代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Business code</source>
        <translation>业务类别代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product / business</source>
        <translation>产品/业务类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>处理部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer (masked)</source>
        <translation>客户(已脱敏)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next deadline</source>
        <translation>下一时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due (China time)</source>
        <translation>到期时间(北京时间)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue now</source>
        <translation>当前是否超期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Times reopened</source>
        <translation>重开次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First response (min)</source>
        <translation>首次响应(分钟)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution (h)</source>
        <translation>办结时长(小时)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfaction (1-5)</source>
        <translation>满意度(1-5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Figures</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>service-quality</source>
        <translation>服务质量报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer names are masked; the case texts are not part of this report.</source>
        <translation>客户姓名已脱敏;本报告不含案件文字内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Period figures cover the cases received in the period. On time: deadlines met by their due time, out of those met or past due. Satisfaction: latest reached callback per case scoring 4 or 5 of 5; NPS: share scoring 5 minus share scoring 1-3.</source>
        <translation>期间指标统计本期受理的案件。按时率:按时完成的时限占已完成或已超期时限的比例。满意度:每个案件最近一次成功回访评分为 5 分制中的 4 或 5 分的比例;净推荐值:5 分占比减去 1-3 分占比。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Policy</source>
        <translation>制度</translation>
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
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings/dialog.py" line="+54"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Colours:</source>
        <translation>配色(&amp;C)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applies at once to every open window; no restart needed</source>
        <translation>立即应用到所有已打开的窗口，无需重启</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Light, dark or high contrast (black and white, thick focus frames); all keep text readable</source>
        <translation>浅色、深色或高对比度(黑白配色、加粗焦点框)；均保证文字清晰易读</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved for you in %1</source>
        <translation>保存在 %1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Applied, but could not be saved for the next start.</source>
        <translation>已应用，但无法保存，下次启动时不会保留。</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../ui/help/shortcuts.py" line="+26"/>
        <source>Save the form or dialog</source>
        <translation>保存表单或对话框</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close a dialog, discard a draft (after asking), back to the queue</source>
        <translation>关闭对话框、放弃草稿(会先确认)、返回队列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next / previous field</source>
        <translation>下一个/上一个字段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>letter</source>
        <translation>字母</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The button or field whose caption has that letter underlined</source>
        <translation>标题中该字母带下划线的按钮或字段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search (in the search field); open the case (in the queue)</source>
        <translation>查询(在查询框中)；打开案件(在队列中)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Case page: note, transfer, status, callback, close</source>
        <translation>案件页面：备注、转办、状态、回访、结案</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+8"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键一览</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/auth/sign_in.py" line="+96"/>
        <source>Sign in to BranchDesk</source>
        <translation>登录 BranchDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in with your staff account.</source>
        <translation>请使用员工账号登录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Branch %1, workstation %2</source>
        <translation>网点 %1,工作站 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. zhang.san</source>
        <translation>例如 zhang.san</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign-in message</source>
        <translation>登录提示</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>StaffSession</name>
    <message>
        <location filename="../../ui/auth/session.py" line="+144"/>
        <source>Welcome back, %1.</source>
        <translation>欢迎回来,%1。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Signed in as %1.</source>
        <translation>已登录:%1。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../ui/bootstrap.py" line="+290"/>
        <source>Damaged data file: nothing is saved on this PC. Ask IT to restore a backup.</source>
        <translation>数据文件已损坏:本机不会保存任何内容。请联系 IT 用备份恢复。</translation>
    </message>
</context>
<context>
    <name>StoreRecovery</name>
    <message>
        <location filename="../../ui/store_recovery.py" line="+80"/>
        <location line="+1"/>
        <source>The data file is damaged</source>
        <translation>数据文件已损坏</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+2"/>
        <source>Restore and re-sync</source>
        <translation>恢复并重新同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Do not restore</source>
        <translation>不恢复</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Checking and restoring the backup…</source>
        <translation>正在校验并恢复备份…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restoring</source>
        <translation>正在恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restoring the backup</source>
        <translation>正在恢复备份</translation>
    </message>
</context>
<context>
    <name>StoreWatch</name>
    <message>
        <location filename="../../ui/store_watch.py" line="+79"/>
        <source>BranchDesk</source>
        <translation>BranchDesk</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Data file warning</source>
        <translation>数据文件警告</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ui/sync/controller.py" line="+228"/>
        <source>Sync stopped because of an unexpected error. Everything is kept here.</source>
        <translation>同步因意外错误而中止,所有数据仍保存在本机。</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../ui/sync/status.py" line="+80"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop this sync; what arrived so far is kept</source>
        <translation>停止本次同步;已接收的数据会保留</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Sync: starting</source>
        <translation>同步:正在启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync: not configured</source>
        <translation>同步:未配置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync problem</source>
        <translation>同步异常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The first sync with the central database has not finished yet.</source>
        <translation>与总行数据库的首次同步尚未完成。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No central database is set up: everything is kept on this computer only.</source>
        <translation>尚未配置总行数据库:所有数据仅保存在本机。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected to the central database (press F5 to sync now).</source>
        <translation>已连接总行数据库(按 F5 立即同步)。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The central database cannot be reached. Work on: everything is saved here and sent later.</source>
        <translation>无法连接总行数据库。可继续办理业务:数据已保存在本机,稍后自动发送。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last sync did not complete; see the message next to it.</source>
        <translation>上次同步未完成,请查看旁边的说明。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending and receiving changes…</source>
        <translation>正在发送和接收数据…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Receiving changes: %1 of %2</source>
        <translation>正在接收数据:%1 / %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Sync cancelled; the rest follows in the next round.</source>
        <translation>同步已取消,其余数据将在下次同步时继续。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last successful sync: %1 (China time)</source>
        <translation>上次成功同步:%1(北京时间)</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>%1 edits conflicted with changes made elsewhere; a supervisor can review them.</source>
        <translation>%1 项修改与其他工作站的修改冲突,可由主管复核。</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>%1 changes waiting to be sent</source>
        <translation>%1 项修改待发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All changes sent</source>
        <translation>所有修改已发送</translation>
    </message>
</context>
<context>
    <name>SyncUi</name>
    <message>
        <location filename="../../ui/sync/__init__.py" line="+52"/>
        <source>S&amp;ync now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send and receive changes with the central database now</source>
        <translation>立即与总行数据库发送和接收数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync &amp;conflicts…</source>
        <translation>同步冲突(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review edits that lost a concurrent change (supervisors)</source>
        <translation>复核在同时修改中被覆盖的修改(主管)</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../ui/cases/timeline_text.py" line="+29"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>[customer contacted]</source>
        <translation>[已联系客户]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[department reply]</source>
        <translation>[承办部门答复]</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>to %1, owner %2</source>
        <translation>转至 %1，承办人 %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>decision period %1 days, approved by %2</source>
        <translation>处理期限延长至 %1 日，批准人 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>reached; accepts the result: %1; satisfaction %2/5</source>
        <translation>已联系到客户；接受处理结果：%1；满意度 %2/5</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not reached</source>
        <translation>未联系到客户</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>amount %1</source>
        <translation>金额 %1 元</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Verification result: %1</source>
        <translation>核实结果：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Basis and reasons: %1</source>
        <translation>处理依据和理由：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remedies: %1</source>
        <translation>补救措施：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>options: %1</source>
        <translation>救济途径：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Notice to the customer: %1</source>
        <translation>告知客户：%1</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../ui/welcome.py" line="+54"/>
        <location line="+1"/>
        <source>Welcome to BranchDesk</source>
        <translation>欢迎使用柜面服务台</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>BranchDesk records what customers bring to the counter and follows each case until it is resolved. Everything is saved on this PC first, so work goes on when the network is down. Below, BranchDesk checks that this PC is set up for it.</source>
        <translation>柜面服务台用于登记客户在柜台提出的事项，并跟进每件案件直到办结。所有数据先保存在本机，网络中断时也能照常工作。下面检查本机的配置是否就绪。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Setup checks</source>
        <translation>配置检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking this PC…</source>
        <translation>正在检查本机…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the &amp;user guide</source>
        <translation>打开使用指南(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to take in a case, deadlines, callbacks and sync (F1)</source>
        <translation>如何受理案件、处理时限、回访和同步（F1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>%1 problem(s) found. You can still work; please tell IT what is marked ✖.</source>
        <translation>发现 %1 个问题。您仍可继续工作；请将标有 ✖ 的项目告知 IT。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This PC is ready. Press Enter to start.</source>
        <translation>本机已就绪。按 Enter 开始。</translation>
    </message>
</context>
</TS>
