import { ref } from 'vue'

// zh-CN first; English is a switch kept in localStorage. t('a.b', {n: 1}) fills {n}.
const messages = {
  'zh-CN': {
    app: { title: '责任分工方案落实跟踪', short: '方案跟踪' },
    common: {
      logout: '退出登录', loading: '加载中…', empty: '暂无数据', search: '查询', reset: '重置', all: '全部',
      refresh: '刷新', back: '返回', language: 'English', save: '保存', submit: '提交', cancel: '取消',
      unit: '单位', role: '角色', plan: '方案', noPlan: '尚未导入方案', export: '导出CSV', error: '出错了',
      sessionExpired: '登录已过期，请重新登录', forbidden: '本单位无权进行此操作', notFound: '未找到',
      serviceDown: '服务暂时不可用，请稍后再试', network: '网络连接失败，请检查网络后重试', badRequest: '请求有误',
      conflict: '数据已被他人修改，请刷新后重试',
    },
    roles: { SUPERVISOR: '市关工委（督导）', COUNTY_COMMITTEE: '县级关工委', UNIT: '责任单位', AUDITOR: '审计' },
    menu: {
      dashboard: '全市驾驶舱', county: '县区视图', tasks: '任务列表', inbox: '消息中心', import: '方案导入', subscriptions: '订阅推送', lead: '牵头任务',
    },
    login: {
      title: '登录', username: '账号（单位代码）', password: '密码', submit: '登录',
      usernameRequired: '请输入账号', passwordRequired: '请输入密码', failed: '账号或密码错误',
      apiDocs: '接口文档（供其他系统对接）',
      hint: '演示环境：账号为单位代码（如 jixi-committee、jixi-mishan），密码 demo12345',
    },
    lights: { GREEN: '绿灯', YELLOW: '黄灯', RED: '红灯', legend: '绿：按计划推进或已完成；黄：滞后、有风险、未开始或未报送；红：逾期' },
    status: { NOT_STARTED: '未开始', ON_TRACK: '按计划推进', AT_RISK: '存在风险', DONE: '已完成' },
    dashboard: {
      title: '全市驾驶舱', section: '篇章', leadUnit: '牵头单位', county: '县区', matrix: '任务 × 单位 亮灯矩阵',
      task: '任务', chartBySection: '各篇章亮灯情况', byLeadUnit: '按牵头单位', byCounty: '按县区',
      total: '责任份额', green: '绿灯', yellow: '黄灯', red: '红灯', onlyCityCommittee: '全市驾驶舱仅市关工委可见',
      rows: '共 {n} 项责任份额', unitCol: '责任单位', lastReport: '最近报送', light: '亮灯', redList: '逾期清单', noRed: '没有逾期',
      onTimeRate: '各单位按时报送率', reportsOverTime: '各月报送情况', reportsSubmitted: '报送份数', reportsReturned: '其中被退回', noReportsYet: '尚无报送', month: '{year}年{month}月', generalProblems: '普遍性问题', noProblems: '暂无普遍性问题', countyCount: '{n} 个县区反映',
      practices: '已发布的典型经验', noPractices: '暂无', exportLedger: '导出台账（Excel）', exportFiltered: '导出当前筛选（CSV）',
      problemState: { OPEN: '待答复', ANSWERED: '已答复', CLOSED: '已关闭' },
    },
    county: {
      title: '县区视图', choose: '选择县区', rows: '本县区承担 {n} 项任务', report: '报送进展', noReport: '尚未报送',
      problems: '待解决问题 {n} 个', onTime: '绿灯占比', returned: '被退回的报告（请修改后重报）', reason: '退回理由',
      resubmit: '修改重报', urges: '收到的催报', autoUrge: '系统催报', outstanding: '本期应报', due: '{date} 前',
    },
    tasks: { title: '任务列表', number: '序号', section: '篇章', mine: '只看本单位' },
    task: {
      text: '任务内容', leadUnit: '牵头单位', responsibleUnits: '责任单位', kind: '任务类型', dueDate: '完成时限',
      cycle: '报送周期', targets: '细化目标', milestones: '工作节点', acknowledgements: '签收情况', status: '状态',
      overdue: '已逾期', extensions: '已延期 {n} 次', report: '报送本单位进展', notScheduled: '尚未安排',
      shares: '各单位落实情况', OPEN: '推进中', CLOSED: '已办结', LONG_TERM: '长期性任务', NEAR_TERM: '近期完成的工作',
      MONTHLY: '每月', QUARTERLY: '每季度', HALF_YEARLY: '每半年', YEARLY: '每年',
      PENDING: '待签收', ACKNOWLEDGED: '已签收', ACK_OVERDUE: '逾期未签收',
      MEASURABLE: '量化', DATED: '时间节点', QUALITATIVE: '定性', AT_LEAST: '不低于', AT_MOST: '不高于', EQUAL: '等于',
      supervision: '督导记录', wholeTask: '整项任务', noSupervision: '暂无督导记录', supervisedUnit: '督导对象',
      findings: '督导发现', comment: '意见', record: '记录督导', findingsRequired: '请填写督导发现', recorded: '督导已记录',
      problems: '反映的问题', general: '普遍性问题', answer: '答复', history: '变更记录（最新在前）', noHistory: '暂无可见的变更记录', more: '更多',
      otherChange: '其他变更（{type}）', by: '操作：{who}', reports: '报送记录', reviewState: { SUBMITTED: '待审核', ACCEPTED: '已通过', RETURNED: '已退回', SUPERSEDED: '已被新版本取代' },
      noTargets: '牵头单位尚未细化目标', noMilestones: '暂无工作节点', targetValue: '目标值', period: '时段',
    },
    report: {
      title: '报送进展', period: '报送时段', periodHint: '如 2022-Q2、2022-06、2022-H1 或 2022', status: '进展状态',
      narrative: '工作进展', figures: '目标完成数值', problems: '存在问题', addProblem: '添加问题', removeProblem: '删除此问题', goodPractice: '经验做法',
      submit: '提交报告', submitted: '报告已提交', draftSaved: '草稿已自动保存在本机', draftRestored: '已恢复未提交的草稿',
      clearDraft: '清空草稿', notAssigned: '本单位未承担此任务，不能报送', fixFields: '请按提示修改后再提交',
      periodRequired: '请填写报送时段', periodFormat: '格式应为 YYYY、YYYY-MM、YYYY-Qn 或 YYYY-H1/H2，如 2022-Q2',
      statusRequired: '请选择进展状态', narrativeRequired: '请填写工作进展', problemPlaceholder: '问题描述',
    },
    inbox: {
      title: '消息中心', unreadOnly: '只看未读', markRead: '标为已读', markAllRead: '全部已读', archive: '归档',
      archived: '已归档', live: '实时连接', offline: '连接中断，正在重连', openTask: '查看任务', unread: '未读 {n}',
      type: '类型', time: '时间', newArrived: '收到新消息：{title}',
    },
    import: {
      title: '方案导入', paste: '粘贴方案全文，或选择文本文件', upload: '选择文件', submit: '导入方案', confirm: '确认导入此方案？同一文件重复导入不会产生第二个方案。',
      result: '导入结果', sections: '篇章', tasks: '任务', units: '单位', warnings: '提示', again: '该方案此前已导入', open: '打开驾驶舱',
      onlyCityCommittee: '仅市关工委可导入方案',
      preview: '预览解析结果', previewTitle: '解析预览（尚未导入）', previewHint: '请核对篇章、任务、单位和提示，确认无误后再导入。修改方案文本后需重新预览。',
      confirmImport: '确认导入', planTitle: '方案标题', importedBefore: '该方案此前已导入，再次导入不会产生变化',
      noWarnings: '没有需要核对的提示', sectionTasks: '{n} 项任务', number: '序号', taskTitle: '任务', leadUnit: '牵头单位',
      responsibleUnits: '责任单位', unitName: '单位名称', unitCode: '单位代码', newUnit: '新登记', leadTasks: '牵头任务数',
      responsibleTasks: '责任任务数', errors: '方案无法解析，请按行修改：', edited: '方案文本已修改，请重新预览', line: '第 {n} 行', document: '方案全文',
    },
    subs: {
      title: '订阅推送', intro: '把本单位的事件推送到本单位的信息系统（Webhook，按 Standard Webhooks 签名）。',
      new: '新建订阅', url: '接收地址', description: '说明', eventTypes: '事件类型', allTypes: '全部类型', create: '创建订阅',
      urlRequired: '请填写接收地址', secretOnce: '签名密钥只显示这一次，请立即保存：', deliveries: '推送记录', event: '事件', state: '状态',
      attempts: '次数', response: '最近响应', redeliver: '重新推送', enable: '重新启用', rotate: '更换密钥', delete: '删除',
      rotateConfirm: '更换后旧密钥仍可验签24小时。确定更换？', deleteConfirm: '确定删除此订阅？',
      ACTIVE: '启用', DISABLED: '已停用', PENDING: '待推送', SUCCEEDED: '成功', FAILED: '失败',
    },
    events: { TaskAssignedEvent: '任务分工', TaskScheduledEvent: '任务安排', AcknowledgementRequestedEvent: '请求签收', AcknowledgementOverdueEvent: '逾期未签收', TaskAcknowledgedEvent: '已签收', AdjustmentRequestedEvent: '申请调整分工', AdjustmentDecidedEvent: '调整申请已处理', ExtensionRequestedEvent: '申请延期', ExtensionDecidedEvent: '延期申请已处理', TaskOverdueEvent: '任务逾期', TaskClosedEvent: '任务办结', TaskReopenedEvent: '任务重新打开', ProgressReportSubmittedEvent: '报送进展', ProgressReportAcceptedEvent: '进展审核通过', ProgressReportReturnedEvent: '进展被退回', ReportDueSoonEvent: '报送即将到期', ReportOverdueEvent: '报送逾期', UrgeIssuedEvent: '督办催报', UrgeReadEvent: '催报已读', SupervisionRecordedEvent: '督导记录', ProblemRaisedEvent: '反映问题', ProblemFlaggedGeneralEvent: '共性问题', ProblemAnsweredEvent: '问题已答复', GoodPracticeSubmittedEvent: '经验做法报送', GoodPracticePublishedEvent: '经验做法发布', TaskSummarySubmittedEvent: '报送任务总结', TaskSummaryReturnedEvent: '任务总结被退回', TaskSummaryAcceptedEvent: '任务总结通过', TargetAddedEvent: '新增细化目标', TargetRevisedEvent: '修改细化目标', TargetRemovedEvent: '删除细化目标', MilestoneAddedEvent: '新增工作节点', MilestoneRevisedEvent: '修改工作节点', MilestoneRemovedEvent: '删除工作节点', AssignmentAcknowledgedEvent: '签收任务', MilestoneSetEvent: '设置工作节点', PlanImportedEvent: '导入方案', ProblemClosedEvent: '问题已关闭', TargetSetEvent: '设置细化目标', TaskCreatedEvent: '创建任务', TaskShareAssignedEvent: '分配责任份额', TaskShareClosedEvent: '责任份额办结', TaskShareScheduledEvent: '责任份额排期', TaskShareWithdrawnEvent: '撤回责任份额', TaskSummaryAcceptanceRecordedEvent: '记录总结通过', UnitAliasRecordedEvent: '记录单位别名', UnitRegisteredEvent: '登记单位' },
    lead: {
      title: '牵头任务', choose: '选择牵头单位', awaitingOnly: '只看待审核', none: '本单位在此方案中不牵头任务',
      awaiting: '{n} 份待审核', review: '审核', urge: '催报', reviewTitle: '审核进展报告', version: '第{n}版',
      comment: '审核意见（退回时必填）', accept: '通过', return: '退回', reasonRequired: '退回时请写明理由',
      accepted: '已通过', returned: '已退回', urgeTitle: '催报：{unit}', message: '催报内容', send: '发送',
      messageRequired: '请填写催报内容', urged: '催报已发送',
      state: { ACCEPTED: '该报告已审核通过', RETURNED: '该报告已退回', SUPERSEDED: '该报告已被新版本取代' },
    },
    evidence: {
      title: '佐证材料', hint: '可上传活动照片、会议纪要、台账页、通知等（PDF、图片、Word、Excel、WPS 文档；单个文件不超过 20 MB，每份报告合计不超过 100 MB）',
      choose: '上传佐证材料', uploading: '正在上传…', uploaded: '已上传 {n} 个文件', none: '暂无佐证材料',
      fileName: '文件名', size: '大小', type: '类型', uploader: '上传单位', time: '上传时间',
      download: '下载', preview: '预览', package: '下载任务佐证材料包（.zip）', packageHint: '含各单位全部佐证材料和清单（manifest.csv）',
      pending: '提交报告后将上传：{files}', pendingChoose: '选择佐证材料', clearPending: '不上传',
      attachLater: '报告已提交，但佐证材料未上传，请在下方重新上传', myReports: '本单位已报送的进展及佐证材料',
      reportOf: '{period}（第{n}版）', forbidden: '只有报送单位本身可以为该报告上传佐证材料', oneFile: '其中一个文件',
      noneKept: '本次选择的文件均未保存，请去掉该文件后重新上传。', changed: '文件已被改动，与上传时的校验值不符，不能下载',
      gone: '文件已不在存储中', failed: '上传失败：{reason}', done: '完成',
      erased: '已删除', erasedNote: '{unit}于 {time} 删除（{reason}），仅保留文件记录', hash: 'SHA-256：{hash}',
      erase: '删除文件', eraseConfirm: '删除“{file}”后，文件将从存储中永久移除，仅保留其大小、类型和 SHA-256 记录。请填写删除理由：',
      eraseReason: '删除理由（如：当事人申请删除个人信息）', reasonRequired: '请填写删除理由', reasonTooLong: '删除理由不能超过 2000 个字',
      erasedDone: '文件已删除，其哈希记录保留',
      refused: {
        fileTooLarge: '“{file}”超过单个文件 20 MB 的上限，未上传。',
        reportTooLarge: '加上“{file}”后，本报告的佐证材料将超过 100 MB 的上限，未上传。',
        wrongType: '“{file}”的文件类型不允许上传（仅限 PDF、图片、Word、Excel 和 WPS 文档），未上传。',
        empty: '“{file}”是空文件，未上传。',
      },
    },
    fields: {
      period: '报送时段', status: '进展状态', narrative: '工作进展', figures: '目标完成数值', problems: '存在问题',
      goodPractice: '经验做法', username: '账号', password: '密码',
    },
  },
  en: {
    app: { title: 'Plan tracker', short: 'Plan tracker' },
    common: {
      logout: 'Log out', loading: 'Loading…', empty: 'Nothing here yet', search: 'Search', reset: 'Reset', all: 'All',
      refresh: 'Refresh', back: 'Back', language: '中文', save: 'Save', submit: 'Submit', cancel: 'Cancel',
      unit: 'Unit', role: 'Role', plan: 'Plan', noPlan: 'No plan imported yet', export: 'Export CSV', error: 'Error',
      sessionExpired: 'Your session expired: please log in again', forbidden: 'Your unit may not do this', notFound: 'Not found',
      serviceDown: 'The service is unavailable, please try again later', network: 'Network error, please retry', badRequest: 'Bad request',
      conflict: 'Changed by someone else meanwhile: refresh and retry',
    },
    roles: { SUPERVISOR: 'City committee (supervisor)', COUNTY_COMMITTEE: 'County committee', UNIT: 'Responsible unit', AUDITOR: 'Auditor' },
    menu: { dashboard: 'City dashboard', county: 'County view', tasks: 'Tasks', inbox: 'Inbox', import: 'Plan import', subscriptions: 'Webhooks', lead: 'Tasks I lead' },
    login: {
      title: 'Log in', username: 'Username (unit code)', password: 'Password', submit: 'Log in',
      usernameRequired: 'Enter your username', passwordRequired: 'Enter your password', failed: 'Wrong username or password',
      apiDocs: 'API documentation (for other systems)',
      hint: 'Demo: the username is a unit code (e.g. jixi-committee, jixi-mishan), password demo12345',
    },
    lights: { GREEN: 'Green', YELLOW: 'Yellow', RED: 'Red', legend: 'Green: on track or done; yellow: behind, at risk, not started or not reported; red: overdue' },
    status: { NOT_STARTED: 'Not started', ON_TRACK: 'On track', AT_RISK: 'At risk', DONE: 'Done' },
    dashboard: {
      title: 'City dashboard', section: 'Section', leadUnit: 'Lead unit', county: 'County', matrix: 'Task × unit lights',
      task: 'Task', chartBySection: 'Lights by section', byLeadUnit: 'By lead unit', byCounty: 'By county',
      total: 'Shares', green: 'Green', yellow: 'Yellow', red: 'Red', onlyCityCommittee: 'Only the city committee sees the city dashboard',
      rows: '{n} shares', unitCol: 'Unit', lastReport: 'Last report', light: 'Light', redList: 'Overdue', noRed: 'Nothing overdue',
      onTimeRate: 'On-time rate by unit', reportsOverTime: 'Reports over time', reportsSubmitted: 'Reports sent', reportsReturned: 'of which returned', noReportsYet: 'No reports yet', month: '{year}-{month}', generalProblems: 'General problems', noProblems: 'No general problems', countyCount: 'raised by {n} counties',
      practices: 'Published good practices', noPractices: 'None yet', exportLedger: 'Export ledger (Excel)', exportFiltered: 'Export filtered (CSV)',
      problemState: { OPEN: 'Open', ANSWERED: 'Answered', CLOSED: 'Closed' },
    },
    county: {
      title: 'County view', choose: 'County', rows: '{n} tasks for this county', report: 'Report', noReport: 'Not reported yet',
      problems: '{n} open problems', onTime: 'Green share', returned: 'Returned reports (to resubmit)', reason: 'Reason',
      resubmit: 'Resubmit', urges: 'Urges received', autoUrge: 'Automatic', outstanding: 'Reports due', due: 'by {date}',
    },
    tasks: { title: 'Tasks', number: 'No.', section: 'Section', mine: 'My unit only' },
    task: {
      text: 'Text', leadUnit: 'Lead unit', responsibleUnits: 'Responsible units', kind: 'Kind', dueDate: 'Due date',
      cycle: 'Reporting cycle', targets: 'Targets', milestones: 'Milestones', acknowledgements: 'Acknowledgements', status: 'Status',
      overdue: 'Overdue', extensions: 'Extended {n} times', report: 'Report my unit\'s progress', notScheduled: 'Not scheduled yet',
      shares: 'Each unit\'s share', OPEN: 'Open', CLOSED: 'Closed', LONG_TERM: 'Long-term', NEAR_TERM: 'Near-term',
      MONTHLY: 'Monthly', QUARTERLY: 'Quarterly', HALF_YEARLY: 'Half-yearly', YEARLY: 'Yearly',
      PENDING: 'Pending', ACKNOWLEDGED: 'Acknowledged', ACK_OVERDUE: 'Overdue',
      MEASURABLE: 'Measurable', DATED: 'Dated', QUALITATIVE: 'Qualitative', AT_LEAST: 'at least', AT_MOST: 'at most', EQUAL: 'equal to',
      supervision: 'Supervision', wholeTask: 'The whole task', noSupervision: 'No supervision records', supervisedUnit: 'About',
      findings: 'Findings', comment: 'Comment', record: 'Record', findingsRequired: 'Write the findings', recorded: 'Recorded',
      problems: 'Problems raised', general: 'General', answer: 'Answer', history: 'History (newest first)', noHistory: 'No history you may see', more: 'More',
      otherChange: 'Other change ({type})', by: 'by {who}', reports: 'Reports', reviewState: { SUBMITTED: 'Awaiting review', ACCEPTED: 'Accepted', RETURNED: 'Returned', SUPERSEDED: 'Superseded' },
      noTargets: 'The lead unit has not refined targets yet', noMilestones: 'No milestones', targetValue: 'Target', period: 'Period',
    },
    report: {
      title: 'Progress report', period: 'Period', periodHint: 'e.g. 2022-Q2, 2022-06, 2022-H1 or 2022', status: 'Status',
      narrative: 'Progress', figures: 'Figures against targets', problems: 'Problems', addProblem: 'Add a problem', removeProblem: 'Remove this problem', goodPractice: 'Good practice',
      submit: 'Submit report', submitted: 'Report submitted', draftSaved: 'Draft saved on this device', draftRestored: 'Unsent draft restored',
      clearDraft: 'Clear draft', notAssigned: 'Your unit is not assigned to this task', fixFields: 'Please correct the marked fields',
      periodRequired: 'Enter the period', periodFormat: 'Must be YYYY, YYYY-MM, YYYY-Qn or YYYY-H1/H2, e.g. 2022-Q2',
      statusRequired: 'Choose a status', narrativeRequired: 'Describe the progress', problemPlaceholder: 'Problem',
    },
    inbox: {
      title: 'Inbox', unreadOnly: 'Unread only', markRead: 'Mark read', markAllRead: 'Mark all read', archive: 'Archive',
      archived: 'Archived', live: 'Live', offline: 'Disconnected, reconnecting', openTask: 'Open task', unread: '{n} unread',
      type: 'Type', time: 'Time', newArrived: 'New: {title}',
    },
    import: {
      title: 'Plan import', paste: 'Paste the plan document, or choose a text file', upload: 'Choose file', submit: 'Import', confirm: 'Import this plan? Importing the same document again creates no second plan.',
      result: 'Result', sections: 'Sections', tasks: 'Tasks', units: 'Units', warnings: 'Warnings', again: 'This plan was imported before', open: 'Open dashboard',
      onlyCityCommittee: 'Only the city committee imports plans',
      preview: 'Preview', previewTitle: 'Preview (not imported yet)', previewHint: 'Check the sections, tasks, units and warnings, then import. Edit the text and the preview must be run again.',
      confirmImport: 'Confirm import', planTitle: 'Plan title', importedBefore: 'This plan was imported before; importing it again changes nothing',
      noWarnings: 'Nothing to check', sectionTasks: '{n} tasks', number: 'No.', taskTitle: 'Task', leadUnit: 'Lead unit',
      responsibleUnits: 'Responsible units', unitName: 'Unit', unitCode: 'Code', newUnit: 'New', leadTasks: 'Leads',
      responsibleTasks: 'Responsible for', errors: 'The document cannot be read; fix these lines:', edited: 'The text changed: preview again', line: 'line {n}', document: 'document',
    },
    subs: {
      title: 'Webhooks', intro: 'Push your unit\'s events to your own system (webhooks signed as Standard Webhooks).',
      new: 'New subscription', url: 'URL', description: 'Description', eventTypes: 'Event types', allTypes: 'All types', create: 'Create',
      urlRequired: 'Enter the URL', secretOnce: 'The signing secret is shown only now, keep it:', deliveries: 'Deliveries', event: 'Event', state: 'State',
      attempts: 'Attempts', response: 'Last response', redeliver: 'Redeliver', enable: 'Enable', rotate: 'Rotate secret', delete: 'Delete',
      rotateConfirm: 'The old secret keeps signing for 24 h. Rotate?', deleteConfirm: 'Delete this subscription?',
      ACTIVE: 'Active', DISABLED: 'Disabled', PENDING: 'Pending', SUCCEEDED: 'Delivered', FAILED: 'Failed',
    },
    lead: {
      title: 'Tasks I lead', choose: 'Lead unit', awaitingOnly: 'Awaiting review only', none: 'Your unit leads no task of this plan',
      awaiting: '{n} to review', review: 'Review', urge: 'Urge', reviewTitle: 'Review the report', version: 'version {n}',
      comment: 'Comment (required to return)', accept: 'Accept', return: 'Return', reasonRequired: 'Say why it is returned',
      accepted: 'Accepted', returned: 'Returned', urgeTitle: 'Urge {unit}', message: 'Message', send: 'Send',
      messageRequired: 'Write the message', urged: 'Urge sent',
      state: { ACCEPTED: 'This report was accepted', RETURNED: 'This report was returned', SUPERSEDED: 'A later version replaced this report' },
    },
    evidence: {
      title: 'Evidence', hint: 'Activity photos, minutes, ledger pages, notices (PDF, images, Word, Excel, WPS; up to 20 MB a file, 100 MB a report)',
      choose: 'Upload evidence', uploading: 'Uploading…', uploaded: '{n} file(s) uploaded', none: 'No evidence yet',
      fileName: 'File', size: 'Size', type: 'Type', uploader: 'Uploaded by', time: 'Uploaded at',
      download: 'Download', preview: 'Preview', package: 'Download the task\'s evidence package (.zip)', packageHint: 'Every unit\'s evidence and a manifest (manifest.csv)',
      pending: 'Uploaded once the report is submitted: {files}', pendingChoose: 'Choose evidence', clearPending: 'Do not upload',
      attachLater: 'The report was submitted but its evidence was not uploaded; upload it again below', myReports: 'My unit\'s reports and their evidence',
      reportOf: '{period} (version {n})', forbidden: 'Only the reporting unit attaches evidence to its report', oneFile: 'one of the files',
      noneKept: ' None of the chosen files was kept; remove that file and upload again.', changed: 'The file was changed since it was uploaded (hash mismatch); not downloaded',
      gone: 'The file is no longer in the store', failed: 'Upload failed: {reason}', done: 'Done',
      erased: 'Erased', erasedNote: 'Erased by {unit} on {time} ({reason}); only its record is kept', hash: 'SHA-256: {hash}',
      erase: 'Erase', eraseConfirm: 'Erasing "{file}" removes the file from storage for good; only its size, type and SHA-256 are kept. Why is it erased?',
      eraseReason: 'Reason (e.g. the person asked for their data to be erased)', reasonRequired: 'Say why the file is erased',
      reasonTooLong: 'The reason may be at most 2000 characters', erasedDone: 'File erased; its hash is kept',
      refused: {
        fileTooLarge: '"{file}" is larger than 20 MB; not uploaded.',
        reportTooLarge: 'With "{file}" the report\'s evidence would exceed 100 MB; not uploaded.',
        wrongType: '"{file}" is of a type that is not accepted (PDF, images, Word, Excel and WPS documents only); not uploaded.',
        empty: '"{file}" is empty; not uploaded.',
      },
    },
    fields: {
      period: 'Period', status: 'Status', narrative: 'Progress', figures: 'Figures', problems: 'Problems',
      goodPractice: 'Good practice', username: 'Username', password: 'Password',
    },
  },
}

export const locale = ref(localStorage.getItem('pt.locale') || 'zh-CN')

export function setLocale(value) {
  locale.value = value
  localStorage.setItem('pt.locale', value)
  document.documentElement.lang = value
}

export function t(key, params) {
  const pick = (lang) => key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), messages[lang])
  let text = pick(locale.value)
  if (text === undefined) text = pick('zh-CN')
  if (text === undefined) return key
  if (params) {
    for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value))
  }
  return text
}

// Server field messages are English; the common ones are shown in the user's language.
const serverMessages = [
  [/^is required$/, { 'zh-CN': '必填', en: 'is required' }],
  [/^must not be blank$/, { 'zh-CN': '不能为空', en: 'must not be blank' }],
  [/^must not be null$/, { 'zh-CN': '不能为空', en: 'must not be null' }],
  [/^must be YYYY, YYYY-MM, YYYY-Qn or YYYY-H1\/H2/, { 'zh-CN': '格式应为 YYYY、YYYY-MM、YYYY-Qn 或 YYYY-H1/H2，如 2022-Q2' }],
  [/^must be NOT_STARTED, ON_TRACK, AT_RISK or DONE$/, { 'zh-CN': '请选择未开始、按计划推进、存在风险或已完成' }],
  [/^must be at most (\d+) characters$/, { 'zh-CN': '不能超过 $1 个字' }],
  [/^must list at most (\d+) /, { 'zh-CN': '最多 $1 项' }],
  [/^is not a valid URL$/, { 'zh-CN': '不是有效的网址' }],
  [/^must be an http or https URL$/, { 'zh-CN': '须为 http 或 https 网址' }],
  [/^must name a host$/, { 'zh-CN': '网址缺少主机名' }],
  [/^must not carry a user name or password$/, { 'zh-CN': '网址中不能包含用户名或密码' }],
  [/^must be ACCEPT or RETURN$/, { 'zh-CN': '请选择通过或退回' }],
  [/^must not have a fragment$/, { 'zh-CN': '网址中不能包含 # 片段' }],
  [/loopback, private or link-local/, { 'zh-CN': '不能推送到本机、内网或链路本地地址' }],
]

export function serverMessage(message) {
  if (!message) return ''
  for (const [pattern, texts] of serverMessages) {
    if (pattern.test(message)) {
      const text = texts[locale.value]
      return text ? message.replace(pattern, text) : message
    }
  }
  // a message without a translation yet: said in Chinese, the server's words kept for support
  return locale.value === 'en' ? message : `填写有误（${message}）`
}

// The importer's warnings are English sentences; the three kinds it writes are shown in Chinese.
const importWarnings = [
  [/^tasks? ([\d, ]+): (.+) read as (.+) \(([^()]+)\)$/, (n, a, b, code) => `任务 ${n}：“${a}”按“${b}”（${code}）识别`],
  [/^tasks? ([\d, ]+): (.+) names no member units in this plan: assigned as itself$/, (n, a) => `任务 ${n}：“${a}”在本方案中未列出成员单位，按其本身分配`],
  [/^tasks? ([\d, ]+): (.+) is not in the (.+) units registry: registered as a new city department, code (.+)$/,
    (n, a, city, code) => `任务 ${n}：“${a}”不在${city}单位名录中，将登记为新的市直部门（代码 ${code}）`],
]

export function importWarning(warning) {
  if (typeof warning !== 'string') return JSON.stringify(warning)
  if (locale.value === 'en') return warning
  for (const [pattern, render] of importWarnings) {
    const m = warning.match(pattern)
    if (m) return render(m[1].replaceAll(', ', '、'), ...m.slice(2))
  }
  return `提示（${warning}）`
}
