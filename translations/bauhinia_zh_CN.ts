<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../app/ui/dialogs.py" line="112" />
            <location filename="../app/ui/dialogs.py" line="113" />
            <location filename="../app/ui/dialogs.py" line="114" />
            <source>About Bauhinia</source>
            <translation>关于紫荆助手</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="115" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="118" />
            <source>History encryption: %1</source>
            <translation>历史记录加密：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="121" />
            <source>Bauhinia 紫荊助手 %1</source>
            <translation>紫荆助手 Bauhinia %1</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="122" />
            <source>Model: %1</source>
            <translation>模型：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="122" />
            <source>none loaded</source>
            <translation>未加载</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="123" />
            <source>Backend: %1</source>
            <translation>后端：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="123" />
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="124" />
            <source>Bundled components and their licences:</source>
            <translation>随附组件及其许可证：</translation>
        </message>
    </context>
    <context>
        <name>ActionBar</name>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="43" />
            <source>Show or hide the model's reasoning</source>
            <translation>显示或隐藏模型的思考过程</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="43" />
            <source>Thinking</source>
            <translation>思考过程</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="44" />
            <source>Show the passages this reply was given, with their excerpts</source>
            <translation>显示这条回复所用的段落及其摘录</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="44" />
            <source>Sources</source>
            <translation>来源</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="45" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="45" />
            <source>Copy this message</source>
            <translation>复制这条消息</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="46" />
            <source>Copy code</source>
            <translation>复制代码</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="46" />
            <source>Copy the code blocks of this message</source>
            <translation>复制这条消息中的代码</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="47" />
            <source>Regenerate</source>
            <translation>重新生成</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="47" />
            <source>Write a new version of this reply</source>
            <translation>为这条回复重新生成一个版本</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="48" />
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="48" />
            <source>Edit this prompt (keeps the original as another version)</source>
            <translation>编辑这条提问（原文会保留为另一个版本）</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="49" />
            <source>Previous version</source>
            <translation>上一个版本</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="50" />
            <source>Next version</source>
            <translation>下一个版本</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="51" />
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="51" />
            <source>Delete this message and what follows it</source>
            <translation>删除这条消息及其后的内容</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="59" />
            <source>Version</source>
            <translation>版本</translation>
        </message>
    </context>
    <context>
        <name>AttachmentChip</name>
        <message>
            <location filename="../app/ui/attachments_bar.py" line="63" />
            <source>Attachment %1</source>
            <translation>附件 %1</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments_bar.py" line="65" />
            <source>Remove %1</source>
            <translation>移除 %1</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments_bar.py" line="66" />
            <source>Remove this attachment from the message (Delete)</source>
            <translation>从消息中移除这个附件（Delete 键）</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="26" />
            <source>1 page</source>
            <translation>1 页</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="26" />
            <source>1 sheet</source>
            <translation>1 个工作表</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="26" />
            <source>1 slide</source>
            <translation>1 张幻灯片</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="27" />
            <source>%1 pages</source>
            <translation>%1 页</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="27" />
            <source>%1 sheets</source>
            <translation>%1 个工作表</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="27" />
            <source>%1 slides</source>
            <translation>%1 张幻灯片</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="30" />
            <source>about %1 tokens</source>
            <translation>约 %1 个 token</translation>
        </message>
    </context>
    <context>
        <name>Attachments</name>
        <message>
            <location filename="../app/ui/attachments.py" line="101" />
            <source>&amp;Attach files…</source>
            <translation>附加文件(&amp;A)…</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments.py" line="102" />
            <source>Attach documents to this message (%1)</source>
            <translation>将文档附加到这条消息（%1）</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments.py" line="124" />
            <source>Attach files</source>
            <translation>附加文件</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments.py" line="125" />
            <source>Documents (%1)</source>
            <translation>文档（%1）</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments.py" line="180" />
            <source>%1 was not attached: %2</source>
            <translation>未能附加 %1：%2</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments.py" line="196" />
            <source>Reading %1…</source>
            <translation>正在读取 %1…</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments.py" line="198" />
            <source>Reading %1 (%2 more to read)…</source>
            <translation>正在读取 %1（还有 %2 个待读取）…</translation>
        </message>
        <message>
            <location filename="../app/ui/turn_documents.py" line="61" />
            <source>The attached files are still being read; send again when they are ready.</source>
            <translation>附加的文件仍在读取中，读取完成后请再发送。</translation>
        </message>
        <message>
            <location filename="../app/ui/turn_documents.py" line="102" />
            <source>The documents could not be used: %1</source>
            <translation>无法使用这些文档：%1</translation>
        </message>
    </context>
    <context>
        <name>AttachmentsBar</name>
        <message>
            <location filename="../app/ui/attachments_bar.py" line="101" />
            <source>Attachments</source>
            <translation>附件</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments_bar.py" line="102" />
            <source>Reading files</source>
            <translation>正在读取文件</translation>
        </message>
    </context>
    <context>
        <name>Audit</name>
        <message>
            <location filename="../app/audit/log.py" line="39" />
            <source>The audit log {path} cannot be written ({error}), so the action was stopped. Free some disk space or contact IT support.</source>
            <translation>无法写入审计日志 {path}（{error}），因此已停止该操作。请释放磁盘空间或联系 IT 支持。</translation>
        </message>
        <message>
            <location filename="../app/audit/verify.py" line="34" />
            <source>{file}, line {line}: {why}</source>
            <translation>{file} 第 {line} 行：{why}</translation>
        </message>
        <message>
            <location filename="../app/audit/verify.py" line="45" />
            <source>There is no audit log at {path}.</source>
            <translation>{path} 没有审计日志。</translation>
        </message>
        <message>
            <location filename="../app/audit/verify.py" line="52" />
            <source>cannot be read ({error})</source>
            <translation>无法读取（{error}）</translation>
        </message>
        <message>
            <location filename="../app/audit/verify.py" line="62" />
            <source>not a valid audit record</source>
            <translation>不是有效的审计记录</translation>
        </message>
        <message>
            <location filename="../app/audit/verify.py" line="64" />
            <source>the line was changed (its own hash does not match)</source>
            <translation>此行曾被修改（自身的哈希值不符）</translation>
        </message>
        <message>
            <location filename="../app/audit/verify.py" line="66" />
            <source>does not follow the line before it (a line was removed, changed or moved)</source>
            <translation>与上一行接不上（有记录被删除、修改或移动）</translation>
        </message>
        <message>
            <location filename="../app/audit/verify.py" line="69" />
            <source>record number {found} where {expected} was expected</source>
            <translation>记录编号为 {found}，应为 {expected}</translation>
        </message>
    </context>
    <context>
        <name>AuditCli</name>
        <message>
            <location filename="../app/cli/audit_cmds.py" line="17" />
            <source>the audit log</source>
            <translation>审计日志</translation>
        </message>
        <message>
            <location filename="../app/cli/audit_cmds.py" line="19" />
            <source>check the audit log's hash chain; exit 0 only if intact</source>
            <translation>检查审计日志的哈希串联；只有完整无缺时才以 0 退出</translation>
        </message>
        <message>
            <location filename="../app/cli/audit_cmds.py" line="21" />
            <source>log folder or file (default: the configured audit log)</source>
            <translation>日志文件夹或文件（默认：设置中的审计日志）</translation>
        </message>
        <message>
            <location filename="../app/cli/audit_cmds.py" line="22" />
            <source>print one JSON object</source>
            <translation>输出一个 JSON 对象</translation>
        </message>
        <message>
            <location filename="../app/cli/audit_cmds.py" line="34" />
            <source>Audit log intact: {records} record(s) in {files} file(s).</source>
            <translation>审计日志完整：{files} 个文件共 {records} 条记录。</translation>
        </message>
    </context>
    <context>
        <name>CLI</name>
        <message>
            <location filename="../app/cli/ask.py" line="42" />
            <source>%1 is not allowed: '%2' is set by your organisation's policy (%3).</source>
            <translation>不允许使用 %1：“%2”由贵单位的管理政策设置（%3）。</translation>
        </message>
        <message>
            <location filename="../app/cli/ask.py" line="53" />
            <source>Cannot read the prompt from standard input: %1</source>
            <translation>无法从标准输入读取提示：%1</translation>
        </message>
        <message>
            <location filename="../app/cli/ask.py" line="55" />
            <source>The prompt read from standard input is empty.</source>
            <translation>从标准输入读取的提示为空。</translation>
        </message>
        <message>
            <location filename="../app/cli/ask.py" line="77" />
            <source>Thinking…</source>
            <translation>思考中…</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/cli/ask.py" line="93" />
            <source>Note: %n earlier message(s) were left out to fit the context.</source>
            <translation>
                <numerusform>注意：为适应上下文长度，已省略较早的 %n 条消息。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../app/cli/ask.py" line="136" />
            <source>--summarise needs at least one --attach FILE.</source>
            <translation>--summarise 需要至少一个 --attach 文件。</translation>
        </message>
        <message>
            <location filename="../app/cli/ask.py" line="138" />
            <source>--summarise works on the attached files; it cannot be combined with --library.</source>
            <translation>--summarise 只处理附加的文件，不能与 --library 一起使用。</translation>
        </message>
        <message>
            <location filename="../app/cli/ask.py" line="252" />
            <source>The reply could not be saved: %1</source>
            <translation>无法保存回复：%1</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="100" />
            <source>All checks passed.</source>
            <translation>所有检查均已通过。</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="100" />
            <source>Some checks FAILED.</source>
            <translation>部分检查未通过。</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="105" />
            <source>Measuring: %1</source>
            <translation>正在测量：%1</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="119" />
            <source>Preparing the benchmark model (built once, about 460 MiB; checked at every start)…</source>
            <translation>正在准备基准测试模型（只构建一次，约 460 MiB；每次启动都会检查）…</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="128" />
            <location filename="../app/cli/engine_cmds.py" line="195" />
            <source>bench measures local models only.</source>
            <translation>bench 只测量本地模型。</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="151" />
            <source>prompt lookup: random weights</source>
            <translation>提示查找：随机权重模型</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="203" />
            <source>copy (memo rewrite)</source>
            <translation>复制（改写备忘录）</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="203" />
            <source>no copy</source>
            <translation>不复制</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="204" />
            <source>random weights</source>
            <translation>随机权重</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="205" />
            <source>drafted</source>
            <translation>草拟</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="205" />
            <source>plain</source>
            <translation>普通</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="205" />
            <source>speed-up</source>
            <translation>加速</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="205" />
            <source>task</source>
            <translation>任务</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="206" />
            <source>drafts accepted</source>
            <translation>接受的草拟词元</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="212" />
            <source>Prompt-lookup decoding: decode tokens/s (median of %1 runs each)</source>
            <translation>提示查找解码：解码速度（词元/秒，各取 %1 次的中位数）</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="224" />
            <source>busy cores</source>
            <translation>繁忙核心</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="224" />
            <source>fixed %1</source>
            <translation>固定 %1</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="225" />
            <source>adaptive</source>
            <translation>自适应</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="225" />
            <source>adaptive/best</source>
            <translation>自适应/最佳</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="225" />
            <source>settled at token</source>
            <translation>稳定于第几个词元</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="226" />
            <source>threads at the end</source>
            <translation>最终线程数</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="227" />
            <source>next reply</source>
            <translation>下一个回复</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="227" />
            <source>next/best</source>
            <translation>下一个/最佳</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="234" />
            <source>Decode tokens/s under load, fixed thread counts and adaptive (%1 tokens per reply, median of %2 replies per cell)</source>
            <translation>负载下的解码速度：固定线程数与自适应（词元/秒，每条回复 %1 个词元，每格取 %2 条回复的中位数）</translation>
        </message>
        <message>
            <location filename="../app/cli/main.py" line="72" />
            <source>there is no desktop session here (no DISPLAY or WAYLAND_DISPLAY), so the window cannot open. Without one, try: bauhinia selftest, bauhinia doctor, bauhinia ask "…"</source>
            <translation>这里没有桌面会话（未设置 DISPLAY 或 WAYLAND_DISPLAY），因此无法打开窗口。没有桌面时可以用：bauhinia selftest、bauhinia doctor、bauhinia ask "…"</translation>
        </message>
        <message>
            <location filename="../app/cli/status_line.py" line="28" />
            <source>about %1 s left</source>
            <translation>剩余约 %1 秒</translation>
        </message>
        <message>
            <location filename="../app/cli/status_line.py" line="29" />
            <source>about %1 min %2 s left</source>
            <translation>剩余约 %1 分 %2 秒</translation>
        </message>
        <message>
            <location filename="../app/cli/status_line.py" line="35" />
            <source>Reading the prompt: %1%</source>
            <translation>正在读取提示：%1%</translation>
        </message>
        <message>
            <location filename="../app/cli/status_line.py" line="46" />
            <source>Summarising section %1 of %2…</source>
            <translation>正在总结第 %1 节（共 %2 节）…</translation>
        </message>
        <message>
            <location filename="../app/cli/status_line.py" line="48" />
            <source>Combining the summaries: %1 of %2…</source>
            <translation>正在合并摘要：第 %1 组（共 %2 组）…</translation>
        </message>
        <message>
            <source>%1 threads</source>
            <translation type="vanished">%1 个线程</translation>
        </message>
        <message>
            <source>Building the benchmark model (about 460 MiB, once)…</source>
            <translation type="vanished">正在构建基准测试模型（约 460 MiB，仅需一次）…</translation>
        </message>
        <message>
            <source>Decode tokens/s under load (%1 tokens per cell)</source>
            <translation type="vanished">负载下的解码速度（词元/秒，每格 %1 个词元）</translation>
        </message>
        <message>
            <source>Decode tokens/s under load (%1 tokens per reply, median of %2 replies per cell)</source>
            <translation type="vanished">负载下的解码速度（词元/秒，每条回复 %1 个词元，每格取 %2 条回复的中位数）</translation>
        </message>
        <message>
            <source>ends at</source>
            <translation type="vanished">最终采用</translation>
        </message>
    </context>
    <context>
        <name>Chat</name>
        <message>
            <location filename="../app/chat/glossary.py" line="29" />
            <source>The terminology glossary was not used for this reply: %1</source>
            <translation>此回复未使用术语词汇表：%1</translation>
        </message>
        <message>
            <location filename="../app/chat/glossary.py" line="38" />
            <source>Terminology check: the reply does not use these approved terms: %1</source>
            <translation>术语检查：回复未使用以下核准用词：%1</translation>
        </message>
        <message>
            <location filename="../app/chat/turn.py" line="220" />
            <source>The files attached to this question are not kept with the history, so its reply cannot be regenerated with them. Send the question again with the files attached.</source>
            <translation>这个问题的附加文件没有随历史记录保存，所以无法连同文件重新生成回复。请附加文件后再次发送问题。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="299" />
            <source>No model is loaded. Choose a model first.</source>
            <translation>尚未加载模型，请先选择模型。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="302" />
            <source>The history is not open.</source>
            <translation>历史记录尚未打开。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="360" />
            <source>The summary was stopped; nothing was saved. Your message and files are kept.</source>
            <translation>摘要已停止，没有保存任何内容。你的消息和文件都已保留。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="361" />
            <source>The summary failed: %1</source>
            <translation>摘要失败：%1</translation>
        </message>
    </context>
    <context>
        <name>ChatErrors</name>
        <message>
            <location filename="../app/chat/errors.py" line="24" />
            <source>The model's chat template could not be used. Ask IT for a corrected model file.</source>
            <translation>无法使用模型的对话模板。请向 IT 索取已修正的模型文件。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="25" />
            <source>The message is too long for this model's context. Shorten it or start a new conversation.</source>
            <translation>消息太长，超出该模型的上下文长度。请缩短消息或开始新对话。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="27" />
            <source>The model file cannot be used. Choose another file or ask IT for a verified copy.</source>
            <translation>无法使用该模型文件。请选择其他文件，或向 IT 索取经过验证的副本。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="29" />
            <source>No allowed compute device can run this model. Check Settings → Compute device, or ask IT.</source>
            <translation>没有获准使用的计算设备可以运行该模型。请检查“设置 → 计算设备”，或联系 IT。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="31" />
            <source>The model could not be loaded. Close other programs to free memory, or choose a smaller model.</source>
            <translation>无法加载模型。请关闭其他程序以释放内存，或选择较小的模型。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="33" />
            <source>The model stopped with an internal error. Try again, or reload the model.</source>
            <translation>模型因内部错误而停止。请重试，或重新加载模型。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="34" />
            <source>The server refused the access token. Check the endpoint's token in Settings.</source>
            <translation>服务器拒绝了访问令牌。请在设置中检查该端点的令牌。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="35" />
            <source>The server could not be reached. Check the network connection or ask IT.</source>
            <translation>无法连接到服务器。请检查网络连接或联系 IT。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="36" />
            <source>The server took too long to answer. Try again later.</source>
            <translation>服务器响应超时。请稍后重试。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="37" />
            <source>The server's certificate could not be verified. Ask IT.</source>
            <translation>无法验证服务器的证书。请联系 IT。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="38" />
            <source>The server does not offer this model. Choose another model.</source>
            <translation>服务器未提供该模型。请选择其他模型。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="39" />
            <source>The server is busy. Try again in a moment.</source>
            <translation>服务器繁忙。请稍后重试。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="40" />
            <source>The server failed while answering. Try again later.</source>
            <translation>服务器响应时出错。请稍后重试。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="41" />
            <source>The server sent an answer that could not be read.</source>
            <translation>服务器返回的响应无法读取。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="42" />
            <source>The server refused the request.</source>
            <translation>服务器拒绝了该请求。</translation>
        </message>
        <message>
            <source>The server is not configured correctly. Ask IT.</source>
            <translation type="vanished">服务器设置不正确。请联系 IT。</translation>
        </message>
        <message>
            <source>Your organisation's policy does not allow this server.</source>
            <translation type="vanished">贵单位的管理政策不允许使用该服务器。</translation>
        </message>
    </context>
    <context>
        <name>Citations</name>
        <message>
            <location filename="../app/ui/citation_html.py" line="35" />
            <source>p. %1</source>
            <translation>第 %1 页</translation>
        </message>
        <message>
            <location filename="../app/ui/citation_html.py" line="35" />
            <source>sheet %1</source>
            <translation>工作表 %1</translation>
        </message>
        <message>
            <location filename="../app/ui/citation_html.py" line="35" />
            <source>slide %1</source>
            <translation>幻灯片 %1</translation>
        </message>
        <message>
            <location filename="../app/ui/citation_html.py" line="50" />
            <source>Sources</source>
            <translation>来源</translation>
        </message>
    </context>
    <context>
        <name>Composer</name>
        <message>
            <location filename="../app/ui/composer.py" line="133" />
            <source>Type a message. Enter sends, Shift+Enter starts a new line.</source>
            <translation>输入消息。Enter 发送，Shift+Enter 换行。</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="134" />
            <source>Message</source>
            <translation>消息</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="135" />
            <source>Enter sends, Shift+Enter starts a new line, Esc stops</source>
            <translation>Enter 发送，Shift+Enter 换行，Esc 停止</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="137" />
            <location filename="../app/ui/composer.py" line="138" />
            <source>Attach files</source>
            <translation>附加文件</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="139" />
            <source>Attach documents to this message</source>
            <translation>为这条消息附加文档</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="141" />
            <location filename="../app/ui/composer.py" line="142" />
            <source>Send</source>
            <translation>发送</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="143" />
            <source>Send (Enter or Ctrl+Enter)</source>
            <translation>发送（Enter 或 Ctrl+Enter）</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="145" />
            <location filename="../app/ui/composer.py" line="146" />
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="147" />
            <source>Stop the reply (Esc)</source>
            <translation>停止回复（Esc）</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="149" />
            <location filename="../app/ui/composer.py" line="150" />
            <source>Deep thinking</source>
            <translation>深度思考</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="151" />
            <source>Let the model reason step by step before it answers (slower)</source>
            <translation>让模型在回答前逐步推理（较慢）</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="153" />
            <source>Editing a message: sending keeps the original as another version.</source>
            <translation>正在编辑消息：发送后，原文会保留为另一个版本。</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="154" />
            <source>Editing a message</source>
            <translation>正在编辑消息</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="155" />
            <location filename="../app/ui/composer.py" line="156" />
            <source>Cancel editing</source>
            <translation>取消编辑</translation>
        </message>
        <message>
            <source>Send (Enter)</source>
            <translation type="vanished">发送（Enter）</translation>
        </message>
    </context>
    <context>
        <name>ConversationModel</name>
        <message>
            <location filename="../app/ui/sidebar.py" line="125" />
            <source>%1
Last changed: %2</source>
            <translation>%1
最后修改：%2</translation>
        </message>
    </context>
    <context>
        <name>Devices</name>
        <message>
            <location filename="../app/device_fallback_text.py" line="17" />
            <source>%1 could not be initialised (%2); the model runs on the CPU instead.</source>
            <translation>%1 无法初始化（%2）；模型改为在 CPU 上运行。</translation>
        </message>
        <message>
            <location filename="../app/device_fallback_text.py" line="19" />
            <source>%1 ran out of memory loading the model (%2); the model runs on the CPU instead.</source>
            <translation>%1 加载模型时内存不足（%2）；模型改为在 CPU 上运行。</translation>
        </message>
        <message>
            <location filename="../app/device_fallback_text.py" line="21" />
            <source>%1 could not load the model (%2); the model runs on the CPU instead.</source>
            <translation>%1 无法加载模型（%2）；模型改为在 CPU 上运行。</translation>
        </message>
    </context>
    <context>
        <name>DiagnosticReport</name>
        <message>
            <location filename="../app/diagnostic_report.py" line="37" />
            <source>Checking the installation.</source>
            <translation>正在检查安装。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="38" />
            <source>The diagnostic model works. It checked:</source>
            <translation>诊断模型运行正常。检查结果：</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="86" />
            <source>History: encrypted (SQLCipher).</source>
            <translation>历史记录：已加密（SQLCipher）。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="88" />
            <source>History: NOT encrypted. Ask IT to turn on history encryption.</source>
            <translation>历史记录：未加密。请让 IT 开启历史记录加密。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="90" />
            <source>History: turned off, nothing is saved.</source>
            <translation>历史记录：已关闭，不会保存任何内容。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="91" />
            <source>History: no history database has been written yet.</source>
            <translation>历史记录：尚未创建历史记录数据库。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="97" />
            <source>Model: loaded on %1 (%2), %3 layers on the device.</source>
            <translation>模型：已加载到 %1（%2），%3 层在该设备上。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="100" />
            <source>Model: loaded on %1 (%2), %3 CPU threads.</source>
            <translation>模型：已加载到 %1（%2），使用 %3 个 CPU 线程。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="104" />
            <source>Speed: %1 tokens/s while writing this reply.</source>
            <translation>速度：生成此回复时每秒 %1 个词元。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="107" />
            <source>Speed: not measured (the reply was too short).</source>
            <translation>速度：未测量（回复太短）。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="109" />
            <source>Keyring: available (%1).</source>
            <translation>系统密钥环：可用（%1）。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="111" />
            <source>Keyring: not available (%1). Without it the history key cannot be kept safely.</source>
            <translation>系统密钥环：不可用（%1）。没有它，历史记录的密钥无法安全保存。</translation>
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <location filename="../app/ui/dialogs.py" line="52" />
            <source>Link not opened</source>
            <translation>未打开链接</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="53" />
            <source>This link was not opened because its kind is not allowed:
%1</source>
            <translation>不允许此类链接，因此未打开：
%1</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="61" />
            <source>Open link?</source>
            <translation>打开链接？</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="62" />
            <source>Open this address in your browser?

%1</source>
            <translation>要在浏览器中打开这个网址吗？

%1</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="72" />
            <source>History passphrase</source>
            <translation>历史记录密码短语</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="73" />
            <source>No system keyring is available. Enter the passphrase that protects your conversation history:</source>
            <translation>没有可用的系统密钥环。请输入保护对话历史记录的密码短语：</translation>
        </message>
    </context>
    <context>
        <name>DocsCli</name>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="31" />
            <source>the document library</source>
            <translation>文档库</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="33" />
            <source>add files or folders to the library and index them</source>
            <translation>把文件或文件夹添加到文档库并编入索引</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="37" />
            <source>list the library's documents</source>
            <translation>列出文档库中的文档</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="40" />
            <source>search the library (English and Chinese)</source>
            <translation>搜索文档库（英文和中文）</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="45" />
            <source>remove files or folders from the library</source>
            <translation>从文档库移除文件或文件夹</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="49" />
            <source>pick up changed, added and removed files</source>
            <translation>更新已更改、新增和已移除的文件</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="59" />
            <source>Documents are turned off by your organisation's policy.</source>
            <translation>你的机构的管理策略已关闭文档功能。</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="70" />
            <source>Your organisation's policy does not allow adding or removing library files; only the shared library folders are indexed.</source>
            <translation>你的机构的管理策略不允许添加或移除文档库文件；只会为共享文档库文件夹编入索引。</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="87" />
            <source>[%1/%2] %3 pages, %4 pages/s, about %5 s left</source>
            <translation>[%1/%2] %3 页，每秒 %4 页，剩余约 %5 秒</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="93" />
            <source>Computing passage vectors: %1 of %2 passages</source>
            <translation>正在计算段落向量：%2 段中的第 %1 段</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="121" />
            <source>Read %1 files (%2 pages), %3 unchanged, %4 removed, %5 could not be read.</source>
            <translation>已读取 %1 个文件（%2 页），%3 个未更改，%4 个已移除，%5 个无法读取。</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="147" />
            <source>Removed %1 documents from the library.</source>
            <translation>已从文档库移除 %1 份文档。</translation>
        </message>
    </context>
    <context>
        <name>Doctor</name>
        <message>
            <location filename="../app/cli/doctor.py" line="149" />
            <source>Version</source>
            <translation>版本</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="150" />
            <source>Python</source>
            <translation>Python</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="151" />
            <source>llama-cpp-python</source>
            <translation>llama-cpp-python</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="152" />
            <source>Backends</source>
            <translation>后端</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="155" />
            <source>Devices:</source>
            <translation>设备：</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="159" />
            <source>%1 of %2 GiB free</source>
            <translation>%2 GiB 中剩余 %1 GiB</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="161" />
            <source>ALLOWED</source>
            <translation>已允许</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="161" />
            <source>REFUSED</source>
            <translation>已拒绝</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="168" />
            <source>%1: installed but not loaded (%2)</source>
            <translation>%1：已安装但未能加载（%2）</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="171" />
            <source>Would use: %1</source>
            <translation>将使用：%1</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="174" />
            <source>Keyring</source>
            <translation>系统密钥环</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="175" />
            <source>Database</source>
            <translation>数据库</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="176" />
            <source>Encrypted</source>
            <translation>已加密</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="179" />
            <source>Remote endpoints:</source>
            <translation>远程服务器：</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="185" />
            <source>reachable in %1 ms</source>
            <translation>可连接（%1 毫秒）</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="187" />
            <source>not reachable: %1</source>
            <translation>无法连接：%1</translation>
        </message>
        <message>
            <location filename="../app/device_status.py" line="55" />
            <source>no allow-list is set (%1 is empty)</source>
            <translation>未设置允许列表（%1 为空）</translation>
        </message>
        <message>
            <location filename="../app/device_status.py" line="57" />
            <source>listed in %1 (%2)</source>
            <translation>已列于 %1（%2）</translation>
        </message>
        <message>
            <location filename="../app/device_status.py" line="59" />
            <source>not in %1 (allowed: %2)</source>
            <translation>不在 %1 之内（允许：%2）</translation>
        </message>
    </context>
    <context>
        <name>Documents</name>
        <message>
            <location filename="../app/documents/embeddings.py" line="136" />
            <source>'%1' is not an embedding model in the model catalogue.</source>
            <translation>“%1”不是模型目录中的嵌入模型。</translation>
        </message>
        <message>
            <location filename="../app/documents/embeddings.py" line="141" />
            <source>The embedding model '%1' could not be loaded: %2</source>
            <translation>无法加载嵌入模型“%1”：%2</translation>
        </message>
        <message>
            <location filename="../app/documents/embeddings.py" line="149" />
            <source>%1 The library is searched by keywords only.</source>
            <translation>%1 文档库只会按关键词搜索。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="27" />
            <source>The file no longer exists.</source>
            <translation>文件已不存在。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="28" />
            <source>The file could not be read. Check that you are allowed to open it.</source>
            <translation>无法读取文件。请检查你是否有权打开它。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="29" />
            <source>The file is empty.</source>
            <translation>文件是空的。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="30" />
            <source>The file is larger than the %1 MB limit for documents.</source>
            <translation>文件超过文档的 %1 MB 大小上限。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="31" />
            <source>This kind of file is not supported. Use DOCX, PDF, XLSX, CSV, PPTX, HTML, TXT or MD.</source>
            <translation>不支持此类文件。请使用 DOCX、PDF、XLSX、CSV、PPTX、HTML、TXT 或 MD。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="33" />
            <source>The file would expand to far more data than it holds (a possible zip bomb), so it was not opened.</source>
            <translation>文件解压后的数据量远超其本身大小（可能是压缩炸弹），因此没有打开。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="35" />
            <source>The file contains XML entity declarations, which documents never need (a possible attack), so it was not opened.</source>
            <translation>文件含有文档从不需要的 XML 实体声明（可能是攻击），因此没有打开。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="37" />
            <source>The file is damaged or is not the kind of file its name says.</source>
            <translation>文件已损坏，或与其名称所示的文件类型不符。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="38" />
            <source>The PDF is protected by a password. Save an unprotected copy and try again.</source>
            <translation>此 PDF 受密码保护。请另存一份未受保护的副本后再试。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="39" />
            <source>The PDF has no text layer (it is probably scanned); OCR is not supported.</source>
            <translation>此 PDF 没有文字层（可能是扫描件）；不支持 OCR 文字识别。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="40" />
            <source>The file is not text in a known encoding (UTF-8, UTF-16, Big5-HKSCS or GB18030).</source>
            <translation>文件不是已知编码（UTF-8、UTF-16、Big5-HKSCS 或 GB18030）的文本。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="41" />
            <source>Reading the file took too long, so it was stopped.</source>
            <translation>读取文件用时过长，已停止。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="42" />
            <source>Reading the file needed too much memory, so it was stopped.</source>
            <translation>读取文件需要太多内存，已停止。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="43" />
            <source>The document reader stopped unexpectedly on this file.</source>
            <translation>文档读取程序处理此文件时意外停止。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="49" />
            <source>Some pages have no text layer and were skipped: %1.</source>
            <translation>部分页面没有文字层，已跳过：%1。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="50" />
            <source>The sheet is too large; only its first %1 rows were read.</source>
            <translation>工作表太大；只读取了前 %1 行。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="51" />
            <source>The document is very long; only its first %1 characters were read.</source>
            <translation>文档很长；只读取了前 %1 个字符。</translation>
        </message>
        <message>
            <location filename="../app/documents/retrieval.py" line="150" />
            <source>The attached documents are longer than the model's context (about %1 tokens), so only the %2 passages that match the question best were used.</source>
            <translation>附加的文档比模型的上下文长（约 %1 个词元），所以只使用了与问题最相关的 %2 段文字。</translation>
        </message>
        <message>
            <location filename="../app/documents/retrieval.py" line="188" />
            <source>Sources:</source>
            <translation>来源：</translation>
        </message>
        <message>
            <location filename="../app/documents/retrieval_turn.py" line="105" />
            <location filename="../app/ui/attachments.py" line="139" />
            <source>Documents are turned off by your organisation's policy.</source>
            <translation>你的机构的管理策略已关闭文档功能。</translation>
        </message>
        <message>
            <location filename="../app/documents/retrieval_turn.py" line="122" />
            <source>None of the attached files could be read.</source>
            <translation>所有附加的文件都无法读取。</translation>
        </message>
        <message>
            <location filename="../app/documents/summarise.py" line="226" />
            <source>The attached documents are longer than the model's context (about %1 tokens), so they were summarised section by section (%2 sections) and the answer was written from those summaries.</source>
            <translation>附加的文档比模型的上下文长（约 %1 个词元），所以已逐节总结（共 %2 节），并根据这些摘要写出回答。</translation>
        </message>
    </context>
    <context>
        <name>EndpointsEditor</name>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="139" />
            <source>Remote endpoints</source>
            <translation>远程服务器</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="140" />
            <source>Choose a server to edit its details below</source>
            <translation>选择服务器，在下方编辑其详细信息</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="141" />
            <location filename="../app/ui/settings_endpoints.py" line="142" />
            <source>Add server</source>
            <translation>添加服务器</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="143" />
            <source>Add an on-premises server</source>
            <translation>添加一台内部服务器</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="145" />
            <location filename="../app/ui/settings_endpoints.py" line="146" />
            <source>Remove server</source>
            <translation>移除服务器</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="147" />
            <source>Remove the selected server from the list</source>
            <translation>从列表中移除所选服务器</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="150" />
            <source>Identifier</source>
            <translation>标识名称</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="150" />
            <source>Short name used in model references (remote:&lt;id&gt;/&lt;model&gt;): letters, digits, '_', '.' or '-'</source>
            <translation>模型引用使用的简称（remote:&lt;id&gt;/&lt;model&gt;）：英文字母、数字、“_”、“.”或“-”</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="152" />
            <source>Display name</source>
            <translation>显示名称</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="152" />
            <source>The name shown in the model picker</source>
            <translation>在模型选择器中显示的名称</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="153" />
            <source>Address (URL)</source>
            <translation>地址（URL）</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="153" />
            <source>The server's OpenAI-compatible address, for example https://llm.example.gov.hk/v1</source>
            <translation>服务器兼容 OpenAI 的地址，例如 https://llm.example.gov.hk/v1</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="155" />
            <source>Model names the server offers, separated by commas</source>
            <translation>服务器提供的模型名称，用逗号分隔</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="155" />
            <source>Models</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="156" />
            <source>CA bundle</source>
            <translation>CA 证书包</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="156" />
            <source>Certificate authorities trusted for this server, set by your administrator</source>
            <translation>此服务器信任的证书颁发机构，由管理员设置</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="158" />
            <source>Proxy</source>
            <translation>代理服务器</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="158" />
            <source>Proxy used for this server, set by your administrator</source>
            <translation>连接此服务器使用的代理服务器，由管理员设置</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="159" />
            <source>Access token</source>
            <translation>访问令牌</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="159" />
            <source>Saved in the system keyring when you press OK, never in the settings file</source>
            <translation>按“确定”时保存到系统密钥环，绝不写入设置文件</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="169" />
            <source>Connection</source>
            <translation>连接</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="170" />
            <source>Leave empty to keep the saved token</source>
            <translation>留空则保留已保存的令牌</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="171" />
            <source>Only your administrator may set a CA bundle or a proxy (policy or site defaults).</source>
            <translation>只有管理员可以设置 CA 证书包或代理服务器（管理政策或站点默认值）。</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="173" />
            <source>The access token is kept in the system keyring, never in settings files, logs or exports.</source>
            <translation>访问令牌保存在系统密钥环中，绝不写入设置文件、日志或导出文件。</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="175" />
            <source>No remote servers. Add one to use an on-premises OpenAI-compatible server.</source>
            <translation>没有远程服务器。添加一台即可使用兼容 OpenAI 的内部服务器。</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="289" />
            <source>Encrypted (HTTPS); the certificate is checked against the system's and the administrator's CA bundle.</source>
            <translation>已加密（HTTPS）；证书依据系统和管理员的 CA 证书包进行核验。</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="291" />
            <source>Encrypted (HTTPS); the certificate is checked against the system's trusted certificates.</source>
            <translation>已加密（HTTPS）；证书依据系统信任的证书进行核验。</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="294" />
            <source>Unencrypted (HTTP): allowed for a server on this computer or by your organisation's policy.</source>
            <translation>未加密（HTTP）：仅限本机服务器，或经贵单位的管理政策允许。</translation>
        </message>
    </context>
    <context>
        <name>Export</name>
        <message>
            <location filename="../app/export/docx_writer.py" line="86" />
            <location filename="../app/export/html.py" line="21" />
            <source>System prompt</source>
            <translation>系统提示</translation>
        </message>
        <message>
            <location filename="../app/export/docx_writer.py" line="95" />
            <location filename="../app/export/html.py" line="28" />
            <source>Version {i} of {n}</source>
            <translation>第 {i} 版（共 {n} 版）</translation>
        </message>
        <message>
            <location filename="../app/export/docx_writer.py" line="98" />
            <location filename="../app/export/html.py" line="31" />
            <source>Thinking</source>
            <translation>思考过程</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="111" />
            <source>User</source>
            <translation>用户</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="112" />
            <source>Assistant</source>
            <translation>助手</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="113" />
            <source>System</source>
            <translation>系统</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="123" />
            <source>Sampling (every reply)</source>
            <translation>采样设置（所有回复）</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="125" />
            <location filename="../app/export/records.py" line="152" />
            <location filename="../app/store/transfer.py" line="126" />
            <source>Sampling</source>
            <translation>采样设置</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="125" />
            <source>differs between replies: shown with each reply</source>
            <translation>各回复不同：见于每条回复之下</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="126" />
            <source>Sampling (settings at export; not recorded with the replies)</source>
            <translation>采样设置（导出时的设置；回复未记录）</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="127" />
            <location filename="../app/export/records.py" line="163" />
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="132" />
            <source>p. %1</source>
            <translation>第 %1 页</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="141" />
            <source>approved terms not used: %1</source>
            <translation>未使用的核准译名：%1</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="142" />
            <source>every approved term used (%1)</source>
            <translation>已使用所有核准译名（%1 个）</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="154" />
            <location filename="../app/store/transfer.py" line="128" />
            <source>Terminology check</source>
            <translation>术语检查</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="156" />
            <source>Sources</source>
            <translation>资料来源</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="164" />
            <source>unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="166" />
            <source>Conversation id</source>
            <translation>对话编号</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="167" />
            <source>Created</source>
            <translation>创建时间</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="168" />
            <source>Updated</source>
            <translation>更新时间</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="169" />
            <source>Exported</source>
            <translation>导出时间</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="170" />
            <source>Author</source>
            <translation>作者</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="171" />
            <source>Machine</source>
            <translation>计算机名称</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="172" />
            <source>App version</source>
            <translation>软件版本</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="173" />
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="174" />
            <source>Model SHA-256</source>
            <translation>模型 SHA-256</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="176" />
            <source>Attachments</source>
            <translation>附件</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="178" />
            <source>Citations</source>
            <translation>引用来源</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="180" />
            <source>Reasoning</source>
            <translation>思考过程</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="180" />
            <source>included</source>
            <translation>已包含</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="180" />
            <source>not included</source>
            <translation>不包含</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="188" />
            <source>default</source>
            <translation>默认</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="188" />
            <source>random</source>
            <translation>随机</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="190" />
            <source>off</source>
            <translation>关</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="190" />
            <source>on</source>
            <translation>开</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="281" />
            <source>Untitled conversation</source>
            <translation>未命名对话</translation>
        </message>
        <message>
            <source>Sampling (at export)</source>
            <translation type="vanished">采样设置（导出时）</translation>
        </message>
    </context>
    <context>
        <name>ExportAction</name>
        <message>
            <location filename="../app/ui/export_action.py" line="68" />
            <source>Exporting conversations is turned off by your organisation's policy.</source>
            <translation>贵机构的管理政策已关闭导出对话。</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="88" />
            <source>Exported %1 to %2; SHA-256 manifest %3.</source>
            <translation>已导出 %1 至 %2；SHA-256 清单 %3。</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="91" />
            <source>%1 Written before it stopped: %2.</source>
            <translation>%1 停止前已写入：%2。</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="92" />
            <source>Nothing was exported: %1</source>
            <translation>没有导出任何文件：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="101" />
            <location filename="../app/ui/export_action.py" line="135" />
            <source>Export conversation</source>
            <translation>导出对话</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="103" />
            <source>File name, without extension</source>
            <translation>文件名（不含扩展名）</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="104" />
            <source>&amp;Browse…</source>
            <translation>浏览(&amp;B)…</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="109" />
            <source>Word document (.docx)</source>
            <translation>Word 文档 (.docx)</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="110" />
            <source>PDF (.pdf)</source>
            <translation>PDF (.pdf)</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="113" />
            <source>Include the model's reasoning</source>
            <translation>包括模型的思考过程</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="114" />
            <source>Off by default: a record normally holds the replies only.</source>
            <translation>默认关闭：记录通常只包括回复。</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="116" />
            <source>&amp;Save as:</source>
            <translation>保存为(&amp;S)：</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="121" />
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="152" />
            <source>Replace files</source>
            <translation>替换文件</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="153" />
            <source>Replace %1?</source>
            <translation>要替换 %1 吗？</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="176" />
            <source>&amp;Export conversation…</source>
            <translation>导出对话(&amp;E)…</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="179" />
            <source>Save the open conversation as DOCX and PDF with a SHA-256 manifest (%1)</source>
            <translation>将打开的对话保存为 DOCX 和 PDF，并附 SHA-256 清单（%1）</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="196" />
            <source>Open a conversation to export it.</source>
            <translation>请先打开要导出的对话。</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="199" />
            <source>An export is already running.</source>
            <translation>已有导出正在进行。</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="215" />
            <source>Exporting the conversation…</source>
            <translation>正在导出对话…</translation>
        </message>
        <message>
            <location filename="../app/ui/export_worker.py" line="48" />
            <source>Cannot write %1: %2</source>
            <translation>无法写入 %1：%2</translation>
        </message>
        <message>
            <location filename="../app/ui/export_worker.py" line="53" />
            <source>The export failed: %1</source>
            <translation>导出失败：%1</translation>
        </message>
    </context>
    <context>
        <name>Glossary</name>
        <message>
            <location filename="../app/glossary/loader.py" line="34" />
            <source>Glossary {file}, line {line}: {problem}</source>
            <translation>词汇表 {file} 第 {line} 行：{problem}</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="35" />
            <source>Glossary {file}: {problem}</source>
            <translation>词汇表 {file}：{problem}</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="44" />
            <location filename="../app/glossary/loader.py" line="132" />
            <source>cannot be read ({error})</source>
            <translation>无法读取（{error}）</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="46" />
            <source>larger than {size} MB</source>
            <translation>大于 {size} MB</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="56" />
            <source>not UTF-8 text; save the file as UTF-8 (CSV UTF-8)</source>
            <translation>不是 UTF-8 文本；请将文件另存为 UTF-8（CSV UTF-8）</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="58" />
            <source>contains a NUL character</source>
            <translation>含有 NUL 字符</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="76" />
            <source>the column '{name}' appears twice</source>
            <translation>列“{name}”出现了两次</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="80" />
            <source>the header needs the columns en, zh_HK and zh_CN (missing: {names})</source>
            <translation>标题行须有 en、zh_HK 和 zh_CN 列（缺少：{names}）</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="89" />
            <source>the first line must be the header (en, zh_HK, zh_CN, note)</source>
            <translation>第一行必须是标题行（en、zh_HK、zh_CN、note）</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="101" />
            <source>more than {count} entries</source>
            <translation>超过 {count} 个词条</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="103" />
            <source>malformed CSV ({error})</source>
            <translation>CSV 格式有误（{error}）</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="112" />
            <source>the {column} cell is longer than {count} characters</source>
            <translation>{column} 列的内容超过 {count} 个字符</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="116" />
            <source>a term needs at least two of en, zh_HK and zh_CN</source>
            <translation>每个词条须至少填写 en、zh_HK、zh_CN 中的两项</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="135" />
            <source>does not exist</source>
            <translation>不存在</translation>
        </message>
    </context>
    <context>
        <name>GlossaryCli</name>
        <message>
            <location filename="../app/cli/glossary_cmds.py" line="18" />
            <source>terminology glossaries</source>
            <translation>术语词汇表</translation>
        </message>
        <message>
            <location filename="../app/cli/glossary_cmds.py" line="20" />
            <source>read a glossary and report its first problem</source>
            <translation>读取词汇表并报告第一个问题</translation>
        </message>
        <message>
            <location filename="../app/cli/glossary_cmds.py" line="21" />
            <location filename="../app/cli/glossary_cmds.py" line="28" />
            <source>file or folder (default: the configured glossary)</source>
            <translation>文件或文件夹（默认：设置中的词汇表）</translation>
        </message>
        <message>
            <location filename="../app/cli/glossary_cmds.py" line="24" />
            <source>list the glossary terms found in a text</source>
            <translation>列出文本中出现的词汇表术语</translation>
        </message>
        <message>
            <location filename="../app/cli/glossary_cmds.py" line="26" />
            <source>language of the text (default: any)</source>
            <translation>文本的语言（默认：任意）</translation>
        </message>
        <message>
            <location filename="../app/cli/glossary_cmds.py" line="27" />
            <source>target language</source>
            <translation>目标语言</translation>
        </message>
        <message>
            <location filename="../app/cli/glossary_cmds.py" line="39" />
            <source>No glossary is configured (setting glossary.path).</source>
            <translation>未设置词汇表（设置 glossary.path）。</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/cli/glossary_cmds.py" line="51" />
            <source>Glossary OK: %n entries.</source>
            <translation>
                <numerusform>词汇表无误：共 %n 个词条。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>History</name>
        <message>
            <source>History passphrase: </source>
            <translation type="vanished">历史记录密码短语：</translation>
        </message>
    </context>
    <context>
        <name>HistoryCli</name>
        <message>
            <location filename="../app/cli/export_records.py" line="24" />
            <source>DOCX and PDF exports take one conversation id.</source>
            <translation>DOCX 和 PDF 导出只接受一个对话编号。</translation>
        </message>
        <message>
            <location filename="../app/cli/export_records.py" line="37" />
            <location filename="../app/cli/history_cmds.py" line="239" />
            <source>Cannot write {path}: {error}</source>
            <translation>无法写入 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../app/cli/export_records.py" line="39" />
            <source>Exported {path} (SHA-256 {sha}); manifest {manifest}</source>
            <translation>已导出 {path}（SHA-256 {sha}）；校验清单 {manifest}</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="22" />
            <source>saved conversations</source>
            <translation>已保存的对话</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="25" />
            <source>list conversations, newest first</source>
            <translation>列出对话，最新的在前</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="27" />
            <source>list archived conversations</source>
            <translation>列出已归档的对话</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="31" />
            <source>print one conversation</source>
            <translation>显示一个对话</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="36" />
            <source>full-text search (English and Chinese)</source>
            <translation>全文搜索（英文和中文）</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="39" />
            <source>do not match Simplified and Traditional</source>
            <translation>不将简体和繁体视为相同</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="43" />
            <source>export a conversation as Markdown, JSON, DOCX or PDF</source>
            <translation>将对话导出为 Markdown、JSON、DOCX 或 PDF</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="44" />
            <source>conversation id, or 'all' (JSON only)</source>
            <translation>对话 ID，或“all”（仅限 JSON）</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="46" />
            <source>write to this file instead of stdout</source>
            <translation>写入此文件，而不是标准输出</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="48" />
            <source>include the model's reasoning (DOCX and PDF; off by default)</source>
            <translation>包含模型的思考过程（DOCX 和 PDF；默认不包含）</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="51" />
            <source>import a JSON export</source>
            <translation>导入 JSON 导出文件</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="56" />
            <source>delete conversations older than N days</source>
            <translation>删除超过 N 天的对话</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="61" />
            <source>replace a damaged database by its latest backup</source>
            <translation>用最新的备份替换已损坏的数据库</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="89" />
            <source>History is turned off by policy.</source>
            <translation>策略已关闭历史记录。</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="102" />
            <source>warning</source>
            <translation>警告</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="147" />
            <source>No conversations.</source>
            <translation>没有对话。</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="151" />
            <source>(untitled)</source>
            <translation>（未命名）</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="167" />
            <source>title</source>
            <translation>标题</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="168" />
            <source>model</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="169" />
            <source>updated</source>
            <translation>更新时间</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="177" />
            <source>thinking</source>
            <translation>思考过程</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="180" />
            <source>attached</source>
            <translation>附件</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="200" />
            <source>No matches.</source>
            <translation>没有匹配的结果。</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="227" />
            <source>Markdown export takes one conversation id; use --format json for all.</source>
            <translation>Markdown 导出只接受一个对话 ID；要导出全部，请使用 --format json。</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="254" />
            <source>Cannot read {path}: {error}</source>
            <translation>无法读取 {path}：{error}</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/cli/history_cmds.py" line="266" />
            <source>Imported %n conversation(s).</source>
            <translation>
                <numerusform>已导入 %n 个对话。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="274" />
            <source>--older-than must be zero or more days.</source>
            <translation>--older-than 必须是零或更多天数。</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/cli/history_cmds.py" line="284" />
            <source>Deleted %n conversation(s).</source>
            <translation>
                <numerusform>已删除 %n 个对话。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="298" />
            <source>Restored {backup}; the previous file is kept as {kept}.</source>
            <translation>已恢复 {backup}；原有文件保留为 {kept}。</translation>
        </message>
        <message>
            <source>export a conversation as Markdown or JSON</source>
            <translation type="vanished">将对话导出为 Markdown 或 JSON</translation>
        </message>
    </context>
    <context>
        <name>HistoryStore</name>
        <message>
            <location filename="../app/store/database.py" line="115" />
            <source>The disk is full, so history cannot be saved. Free some space; everything saved before this point is intact.</source>
            <translation>磁盘已满，无法保存历史记录。请释放一些空间；此前已保存的内容完好无损。</translation>
        </message>
        <message>
            <location filename="../app/store/database.py" line="123" />
            <source>The history database cannot be written ({error}). Check that the data folder is writable; existing history is unchanged.</source>
            <translation>无法写入历史记录数据库（{error}）。请检查数据文件夹是否可写；现有历史记录未改动。</translation>
        </message>
        <message>
            <location filename="../app/store/database.py" line="131" />
            <source>The history database could not be decrypted with the stored key. It may belong to another account or the key was replaced. The file was left unchanged.</source>
            <translation>无法用已保存的密钥解密历史记录数据库。它可能属于另一个账户，或密钥已被更换。文件未改动。</translation>
        </message>
        <message>
            <location filename="../app/store/database.py" line="139" />
            <source> The latest backup is {path}; restore it with 'bauhinia history restore'.</source>
            <translation>最新的备份是 {path}；可使用“bauhinia history restore”恢复。</translation>
        </message>
        <message>
            <location filename="../app/store/database.py" line="143" />
            <source> No backup exists; move the file aside to start a new history.</source>
            <translation>没有备份；请将文件移走，以新建历史记录。</translation>
        </message>
        <message>
            <location filename="../app/store/database.py" line="146" />
            <source>The history database is damaged ({error}).</source>
            <translation>历史记录数据库已损坏（{error}）。</translation>
        </message>
        <message>
            <location filename="../app/store/database.py" line="150" />
            <source>Another Bauhinia window is busy with the history; try again.</source>
            <translation>另一个紫荆助手窗口正在使用历史记录，请重试。</translation>
        </message>
        <message>
            <location filename="../app/store/database.py" line="151" />
            <source>History database error: {error}</source>
            <translation>历史记录数据库错误：{error}</translation>
        </message>
        <message>
            <location filename="../app/store/keys.py" line="54" />
            <source>The system keyring could not be read: {error}</source>
            <translation>无法读取系统密钥环：{error}</translation>
        </message>
        <message>
            <location filename="../app/store/keys.py" line="64" />
            <source>The history key in the system keyring is malformed; it cannot open the history.</source>
            <translation>系统密钥环中的历史记录密钥格式有误，无法打开历史记录。</translation>
        </message>
        <message>
            <location filename="../app/store/keys.py" line="76" />
            <source>The history key could not be saved in the system keyring: {error}</source>
            <translation>无法将历史记录密钥保存到系统密钥环：{error}</translation>
        </message>
        <message>
            <location filename="../app/store/message_documents.py" line="69" />
            <source>'document_context' must be an object with exactly block, sources, attachments and notice</source>
            <translation>'document_context'（文档内容）必须是只含 block、sources、attachments 和 notice 的对象</translation>
        </message>
        <message>
            <location filename="../app/store/message_documents.py" line="72" />
            <source>'document_context' sources must each have exactly file, page and text</source>
            <translation>'document_context'（文档内容）的每个 sources 项目必须只有 file、page 和 text</translation>
        </message>
        <message>
            <location filename="../app/store/message_documents.py" line="74" />
            <source>'document_context' attachments must each have exactly name, sha256 (64 lowercase hex digits), format, pages, tokens and whole</source>
            <translation>'document_context'（文档内容）的每个 attachments 项目必须只有 name、sha256（64 个小写十六进制数字）、format、pages、tokens 和 whole</translation>
        </message>
        <message>
            <location filename="../app/store/message_documents.py" line="119" />
            <source>only a prompt (role user) can have a 'document_context'</source>
            <translation>只有提问（role user）才能附带 'document_context'（文档内容）</translation>
        </message>
        <message>
            <location filename="../app/store/message_documents.py" line="126" />
            <source>'document_context' is larger than {n} characters</source>
            <translation>'document_context'（文档内容）超过 {n} 个字符</translation>
        </message>
        <message>
            <location filename="../app/store/message_documents.py" line="129" />
            <source>the document contexts in this file are larger than {n} characters in all</source>
            <translation>此文件的文档内容合计超过 {n} 个字符</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="65" />
            <source>The history database was made by a newer version of Bauhinia (schema {found}; this version knows up to {known}). Update Bauhinia to open it; the file was not changed.</source>
            <translation>历史记录数据库由较新版本的紫荆助手创建（架构版本 {found}；本版本最高支持 {known}）。请更新紫荆助手后再打开；文件未改动。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="75" />
            <source>{path} is a SQLite file but not a Bauhinia history database.</source>
            <translation>{path} 是 SQLite 文件，但不是紫荆助手的历史记录数据库。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="177" />
            <source>The history folder {path} cannot be created: {error}</source>
            <translation>无法创建历史记录文件夹 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="220" />
            <source>The history database is encrypted, but its key is not in the system keyring ({backend}). Sign in to the account that created it or restore the keyring; to start over, move {path} aside. The file was left unchanged.</source>
            <translation>历史记录数据库已加密，但系统密钥环（{backend}）中没有它的密钥。请登录创建它的账户或恢复密钥环；如要重新开始，请将 {path} 移走。文件未改动。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="239" />
            <source>History needs a passphrase because no system keyring is available.</source>
            <translation>由于没有可用的系统密钥环，历史记录需要密码短语。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="243" />
            <source>No system keyring is available: history is being saved WITHOUT encryption.</source>
            <translation>没有可用的系统密钥环：历史记录正以“未加密”方式保存。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="248" />
            <source>History is off: no system keyring is available to hold the encryption key, and policy does not allow unencrypted history.</source>
            <translation>历史记录已关闭：没有可保存加密密钥的系统密钥环，而策略不允许未加密的历史记录。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="265" />
            <source>This history database was created without encryption.</source>
            <translation>此历史记录数据库创建时未加密。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="279" />
            <source>Your organisation requires encrypted history, but {path} is not encrypted and could not be converted: {reason} The file was left unchanged and history is not being saved; fix the cause and start Bauhinia again to convert it.</source>
            <translation>贵机构规定历史记录必须加密，但 {path} 未加密，且无法转换：{reason} 文件未改动，历史记录目前不会保存；请解决问题后重新启动紫荆助手以进行转换。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="285" />
            <source>no system keyring is available to hold its key (sign in to the desktop session or unlock the keyring), and no passphrase was given.</source>
            <translation>没有可保存其密钥的系统密钥环（请登录桌面会话或解锁密钥环），也没有提供密码短语。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="294" />
            <source>another Bauhinia window is using it. Close every Bauhinia window.</source>
            <translation>另一个紫荆助手窗口正在使用它。请关闭所有紫荆助手窗口。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="338" />
            <source>Today's backup of your history was skipped because the disk is full.</source>
            <translation>由于磁盘已满，今天的对话历史记录备份已跳过。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="363" />
            <source>Policy requires encrypted history.</source>
            <translation>管理策略规定历史记录必须加密。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="471" />
            <source>Exporting history is turned off by your organisation's policy.</source>
            <translation>贵单位的策略已禁止导出历史记录。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="547" />
            <source>No conversation {id}.</source>
            <translation>没有对话 {id}。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="702" />
            <source>No message {id} in this conversation.</source>
            <translation>此对话中没有消息 {id}。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="819" />
            <location filename="../app/store/store.py" line="830" />
            <location filename="../app/store/store.py" line="915" />
            <location filename="../app/store/store.py" line="928" />
            <source>No message {id}.</source>
            <translation>没有消息 {id}。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="969" />
            <source>There is no backup of the history database to restore.</source>
            <translation>没有可恢复的历史记录数据库备份。</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="139" />
            <source>Untitled conversation</source>
            <translation>未命名对话</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="141" />
            <source>Created</source>
            <translation>创建时间</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="142" />
            <source>Updated</source>
            <translation>更新时间</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="145" />
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="146" />
            <source>Conversation id</source>
            <translation>对话 ID</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="149" />
            <source>System prompt</source>
            <translation>系统提示词</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="151" />
            <source>User</source>
            <translation>用户</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="152" />
            <source>Assistant</source>
            <translation>助手</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="153" />
            <source>System</source>
            <translation>系统</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="163" />
            <source>Version {i} of {n}</source>
            <translation>第 {i} 个版本（共 {n} 个）</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="168" />
            <source>Thinking</source>
            <translation>思考过程</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="179" />
            <source>Attached files</source>
            <translation>附加文件</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="182" />
            <source>Status: {status}</source>
            <translation>状态：{status}</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="192" />
            <source>{n} other versions are not shown; export as JSON to keep every branch.</source>
            <translation>另有 {n} 个版本未显示；如要保留所有分支，请导出为 JSON。</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="208" />
            <source>Invalid history file at {where}: {what}. Nothing was imported.</source>
            <translation>历史记录文件在 {where} 处无效：{what}。未导入任何内容。</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="232" />
            <source>The history file is larger than {mib} MiB and cannot be imported. Nothing was imported.</source>
            <translation>历史记录文件大于 {mib} MiB，无法导入。未导入任何内容。</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="262" />
            <source>The file is not a Bauhinia history export (JSON). Nothing was imported.</source>
            <translation>文件不是紫荆助手的历史记录导出文件（JSON）。未导入任何内容。</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="279" />
            <source>The file is not valid JSON ({error}). Nothing was imported.</source>
            <translation>文件不是有效的 JSON（{error}）。未导入任何内容。</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="283" />
            <source>The file is nested too deeply to be a history export. Nothing was imported.</source>
            <translation>文件的嵌套层次太深，不可能是历史记录导出文件。未导入任何内容。</translation>
        </message>
        <message>
            <source>The history file is too large to import.</source>
            <translation type="vanished">历史记录文件太大，无法导入。</translation>
        </message>
    </context>
    <context>
        <name>I18n</name>
        <message>
            <location filename="../app/i18n.py" line="78" />
            <source>pyside6-lrelease is not available to build the translations.</source>
            <translation>没有 pyside6-lrelease，无法构建翻译文件。</translation>
        </message>
    </context>
    <context>
        <name>LibraryDialog</name>
        <message>
            <location filename="../app/ui/library_dialog.py" line="112" />
            <source>Document library</source>
            <translation>文档库</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="113" />
            <source>Conversations with “Use my library” on answer from the files in these folders. Changed, added and removed files are picked up when the window starts and when you re-index.</source>
            <translation>开启了“使用我的文档库”的对话，会根据这些文件夹中的文件作答。窗口启动时及重新索引时，会找出已更改、新增和移除的文件。</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="116" />
            <source>Files</source>
            <translation>文件</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="116" />
            <source>Folder</source>
            <translation>文件夹</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="116" />
            <source>Pages</source>
            <translation>页数</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="117" />
            <source>Passages</source>
            <translation>段落</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="117" />
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="118" />
            <source>Library folders</source>
            <translation>文档库文件夹</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="119" />
            <source>&amp;Add folder…</source>
            <translation>添加文件夹(&amp;A)…</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="120" />
            <source>&amp;Remove folder</source>
            <translation>移除文件夹(&amp;R)</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="121" />
            <source>Re-&amp;index</source>
            <translation>重新索引(&amp;I)</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="122" />
            <source>Pick up changed, added and removed files now</source>
            <translation>立即找出已更改、新增和移除的文件</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="123" />
            <source>&amp;Stop</source>
            <translation>停止(&amp;S)</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="124" />
            <source>Stop indexing; the files already indexed are kept</source>
            <translation>停止索引；已索引的文件会保留</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="125" />
            <source>Indexing progress</source>
            <translation>索引进度</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="126" />
            <source>Your organisation's policy does not allow adding your own folders; only the shared folders are indexed.</source>
            <translation>贵单位的管理策略不允许添加您自己的文件夹；只索引共享文件夹。</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="142" />
            <source>Folders managed by your organisation cannot be removed</source>
            <translation>由贵单位管理的文件夹不能移除</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="179" />
            <source>The library could not be read: %1</source>
            <translation>无法读取文档库：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="185" />
            <source>Added by you</source>
            <translation>由您添加</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="185" />
            <source>Managed by your organisation</source>
            <translation>由贵单位管理</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="190" />
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="210" />
            <source>Waiting for the reply to finish; indexing continues after it.</source>
            <translation>正在等待回复完成；之后会继续索引。</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="213" />
            <source>Looking for files…</source>
            <translation>正在查找文件…</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="225" />
            <source>Up to date: %1 files read (%2 pages), %3 unchanged, %4 removed, %5 could not be read.</source>
            <translation>已是最新：读取了 %1 个文件（%2 页），%3 个未更改，%4 个已移除，%5 个无法读取。</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="243" />
            <source>Add a folder to the library</source>
            <translation>将文件夹添加到文档库</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="280" />
            <source>Document &amp;library…</source>
            <translation>文档库(&amp;L)…</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="283" />
            <source>Documents are turned off by your organisation's policy.</source>
            <translation>贵单位的管理策略已关闭文档功能。</translation>
        </message>
    </context>
    <context>
        <name>LibraryIndexing</name>
        <message>
            <location filename="../app/ui/library_indexing.py" line="34" />
            <source>about %1 s left</source>
            <translation>剩余约 %1 秒</translation>
        </message>
        <message>
            <location filename="../app/ui/library_indexing.py" line="35" />
            <source>about %1 min left</source>
            <translation>剩余约 %1 分钟</translation>
        </message>
        <message>
            <location filename="../app/ui/library_indexing.py" line="40" />
            <source>Indexing %1 of %2 files: %3 pages, %4 pages/s</source>
            <translation>正在索引第 %1 个文件（共 %2 个）：%3 页，每秒 %4 页</translation>
        </message>
        <message>
            <location filename="../app/ui/library_indexing.py" line="44" />
            <source>%1, %2</source>
            <translation>%1，%2</translation>
        </message>
        <message>
            <location filename="../app/ui/library_indexing.py" line="48" />
            <source>Indexing was stopped. The files already indexed are kept; Re-index continues with the rest.</source>
            <translation>索引已停止。已索引的文件会保留；重新索引会继续处理其余文件。</translation>
        </message>
        <message>
            <location filename="../app/ui/library_indexing.py" line="177" />
            <source>The library could not be updated: %1</source>
            <translation>无法更新文档库：%1</translation>
        </message>
    </context>
    <context>
        <name>LibraryToggle</name>
        <message>
            <location filename="../app/ui/library_toggle.py" line="34" />
            <location filename="../app/ui/library_toggle.py" line="35" />
            <source>Use my library</source>
            <translation>使用我的文档库</translation>
        </message>
        <message>
            <location filename="../app/ui/library_toggle.py" line="36" />
            <source>Answer this conversation with passages from your document library, cited under each reply</source>
            <translation>用文档库中的段落回答这个对话，并在每条回复下列出引用来源</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../app/ui/main_window.py" line="287" />
            <source>Bauhinia 紫荊助手</source>
            <translation>紫荆助手 Bauhinia</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="288" />
            <source>Bauhinia</source>
            <translation>紫荆助手</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="289" />
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="290" />
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="291" />
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="292" />
            <source>&amp;New chat</source>
            <translation>新对话(&amp;N)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="293" />
            <source>&amp;Import model file…</source>
            <translation>导入模型文件(&amp;I)…</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="294" />
            <source>&amp;Settings…</source>
            <translation>设置(&amp;S)…</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="295" />
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="296" />
            <source>&amp;Search conversations</source>
            <translation>搜索对话(&amp;S)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="297" />
            <source>&amp;Larger text</source>
            <translation>放大文字(&amp;L)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="298" />
            <source>S&amp;maller text</source>
            <translation>缩小文字(&amp;M)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="299" />
            <source>&amp;Reset text size</source>
            <translation>重置文字大小(&amp;R)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="300" />
            <source>&amp;Write a message</source>
            <translation>撰写消息(&amp;W)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="301" />
            <source>&amp;About Bauhinia</source>
            <translation>关于紫荆助手(&amp;A)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="302" />
            <source>&amp;Model:</source>
            <translation>模型(&amp;M)：</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="304" />
            <source>Choose the model that answers</source>
            <translation>选择回答问题的模型</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="305" />
            <source>Notice</source>
            <translation>通知</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="306" />
            <source>Dismiss</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="307" />
            <source>Retry saving</source>
            <translation>重试保存</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="308" />
            <source>Retry saving the reply</source>
            <translation>重试保存回复</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="309" />
            <source>Dismiss notice</source>
            <translation>关闭通知</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="310" />
            <source>Main area</source>
            <translation>主区域</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="311" />
            <source>Sidebar and conversation</source>
            <translation>侧边栏和对话</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="373" />
            <source>History is not being saved: %1</source>
            <translation>历史记录未保存：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="382" />
            <source>Choose a model…</source>
            <translation>选择模型…</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="391" />
            <source>%1 (your model)</source>
            <translation>%1（你的模型）</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="396" />
            <source>The model catalogue could not be read: %1</source>
            <translation>无法读取模型目录：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="399" />
            <source>%1 ↗ leaves this PC</source>
            <translation>%1 ↗ 会发送到本机以外</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="405" />
            <source>Diagnostic model (checks the installation and reports)</source>
            <translation>诊断模型（检查安装并给出报告）</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="421" />
            <source>Stop the current reply before changing the model.</source>
            <translation>请先停止当前回复，再更换模型。</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="434" />
            <source>Loading the model…</source>
            <translation>正在加载模型…</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="455" />
            <source>The diagnostic model is loaded. Send any message: it answers with a report of what it checked.</source>
            <translation>诊断模型已加载。发送任意消息，它会回复一份检查报告。</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="471" />
            <source>Your organisation does not allow importing models.</source>
            <translation>贵单位不允许导入模型。</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="473" />
            <source>Import a model</source>
            <translation>导入模型</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="474" />
            <source>GGUF models (*.gguf)</source>
            <translation>GGUF 模型（*.gguf）</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="510" />
            <source>The model was not imported: %1</source>
            <translation>模型未导入：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="514" />
            <source>The model import was cancelled.</source>
            <translation>已取消导入模型。</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="636" />
            <source>The conversation is longer than the model's context: the oldest %1 messages were left out of this reply.</source>
            <translation>对话长度超出模型的上下文：本次回复省略了最早的 %1 条消息。</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="652" />
            <source>Reply finished: %1</source>
            <translation>回复完成：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="654" />
            <source>The reply failed: %1</source>
            <translation>回复失败：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="663" />
            <source>%1 The reply is kept on screen; choose Retry saving once the audit log can be written.</source>
            <translation>%1 回复仍保留在屏幕上；审计日志可以写入后，请选择“重试保存”。</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="666" />
            <source>The reply could not be saved: %1. It is kept on screen; free some disk space and choose Retry saving.</source>
            <translation>无法保存回复：%1。回复仍保留在屏幕上；请腾出一些磁盘空间，然后选择“重试保存”。</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="696" />
            <source>Delete message</source>
            <translation>删除消息</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="697" />
            <source>Delete this message and everything after it in this version?</source>
            <translation>要删除这条消息及此版本中其后的所有内容吗？</translation>
        </message>
        <message>
            <source>Diagnostic model (checks the installation; replies are random text)</source>
            <translation type="vanished">诊断模型（检查安装是否正常；回复只是随机文字）</translation>
        </message>
        <message>
            <source>Model</source>
            <translation type="vanished">模型</translation>
        </message>
        <message>
            <source>The diagnostic model is loaded. It only checks the installation: its replies are random text.</source>
            <translation type="vanished">已加载诊断模型。它只用于检查安装是否正常：回复只是随机文字。</translation>
        </message>
    </context>
    <context>
        <name>MessageAttachments</name>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="49" />
            <source>best passages only</source>
            <translation>只用了最相关的段落</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="57" />
            <location filename="../app/ui/message_attachments_html.py" line="67" />
            <source>Attached files:</source>
            <translation>附加文件：</translation>
        </message>
    </context>
    <context>
        <name>Models</name>
        <message>
            <location filename="../app/model_resolver.py" line="164" />
            <source>'%1' is an embedding model for the document library, not a chat model; choose a chat model.</source>
            <translation>“%1”是文档库用的嵌入模型，不是对话模型；请选择对话模型。</translation>
        </message>
        <message>
            <location filename="../app/model_resolver.py" line="237" />
            <source>No model is configured. Pass -m with a .gguf file or a catalogue id, or ask IT to set a default model.</source>
            <translation>尚未配置模型。请用 -m 指定 .gguf 文件或目录 ID，或请 IT 部门设置默认模型。</translation>
        </message>
        <message>
            <location filename="../app/models/importing.py" line="73" />
            <source>Import cancelled.</source>
            <translation>已取消导入。</translation>
        </message>
        <message>
            <location filename="../app/models/importing.py" line="104" />
            <source>Your organisation does not allow importing models.</source>
            <translation>贵单位不允许导入模型。</translation>
        </message>
        <message>
            <location filename="../app/models/importing.py" line="111" />
            <source>The id '%1' is already in use.</source>
            <translation>ID“%1”已被使用。</translation>
        </message>
        <message>
            <location filename="../app/models/importing.py" line="122" />
            <source>A file named %1 already exists.</source>
            <translation>已存在名为 %1 的文件。</translation>
        </message>
        <message>
            <location filename="../app/models/verification.py" line="311" />
            <source>'%1' was not loaded: its file does not match the SHA-256 in IT's model catalogue (damaged or replaced).</source>
            <translation>未加载“%1”：其文件与 IT 模型目录中的 SHA-256 不符（已损坏或被替换）。</translation>
        </message>
        <message>
            <location filename="../app/models/verification.py" line="313" />
            <source>The file for '%1' does not match the SHA-256 recorded when it was imported; it may be damaged or replaced.</source>
            <translation>“%1”的文件与导入时记录的 SHA-256 不符，可能已损坏或被替换。</translation>
        </message>
        <message>
            <location filename="../app/models/verification.py" line="338" />
            <source>No model with the id or path '%1'.</source>
            <translation>没有 ID 或路径为“%1”的模型。</translation>
        </message>
        <message>
            <location filename="../app/models/verification.py" line="342" />
            <source>'%1' is not in the IT model catalogue or your imported models, and your organisation only allows verified models.</source>
            <translation>“%1”不在 IT 部门的模型目录或你导入的模型中，而贵单位只允许使用已验证的模型。</translation>
        </message>
        <message>
            <location filename="../app/models/verification.py" line="349" />
            <source>This model file has not been verified.</source>
            <translation>此模型文件尚未验证。</translation>
        </message>
        <message>
            <location filename="../app/models/verification.py" line="353" />
            <source>The model file for '%1' is missing: %2</source>
            <translation>找不到“%1”的模型文件：%2</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="315" />
            <location filename="../app/ui/tasks.py" line="188" />
            <source>Diagnostic model</source>
            <translation>诊断模型</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="74" />
            <source>Loading was cancelled.</source>
            <translation>已取消加载。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="79" />
            <source>The model file cannot be used: %1. Choose another file or ask IT for a verified copy.</source>
            <translation>无法使用此模型文件：%1。请选择其他文件，或向 IT 部门索取已验证的副本。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="82" />
            <source>No allowed compute device can run this model: %1. Check Settings → Compute device, or ask IT.</source>
            <translation>没有允许的计算设备可以运行此模型：%1。请查看“设置 → 计算设备”，或咨询 IT 部门。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="85" />
            <source>The model could not be loaded: %1. Close other programs to free memory, or choose a smaller model.</source>
            <translation>无法加载模型：%1。请关闭其他程序以释放内存，或选择较小的模型。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="87" />
            <source>The model could not be loaded: %1</source>
            <translation>无法加载模型：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="204" />
            <source>On-premises server</source>
            <translation>单位内部服务器</translation>
        </message>
        <message>
            <source>The file for '%1' does not match its recorded SHA-256 (expected %2, found %3); it may be damaged or replaced.</source>
            <translation type="vanished">“%1”的文件与记录的 SHA-256 不匹配（应为 %2，实为 %3）；文件可能已损坏或被替换。</translation>
        </message>
    </context>
    <context>
        <name>ModelsCommand</name>
        <message>
            <location filename="../app/cli/models_cmds.py" line="27" />
            <source>list, inspect, import and verify models</source>
            <translation>列出、查看、导入和验证模型</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="30" />
            <source>models from the IT catalogue and your own</source>
            <translation>IT 部门目录中的模型和你自己的模型</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="34" />
            <source>facts about a GGUF file</source>
            <translation>GGUF 文件的信息</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="37" />
            <source>also compute the SHA-256</source>
            <translation>同时计算 SHA-256</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="40" />
            <source>copy a GGUF file into your models and record its hash</source>
            <translation>将 GGUF 文件复制到你的模型中，并记录其哈希值</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="44" />
            <source>register the file where it is</source>
            <translation>在原位置登记文件</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="48" />
            <source>check SHA-256 against the catalogue</source>
            <translation>根据目录核对 SHA-256</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="50" />
            <source>re-hash even if the file is unchanged</source>
            <translation>即使文件未改动，也重新计算哈希值</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="97" />
            <source>warning</source>
            <translation>警告</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="115" />
            <source>No models. The IT catalogue is read from %1.</source>
            <translation>没有模型。IT 部门的目录从 %1 读取。</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="118" />
            <source>NAME</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="118" />
            <source>ROLE</source>
            <translation>用途</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="118" />
            <source>SOURCE</source>
            <translation>来源</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="118" />
            <source>STATE</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="119" />
            <source>PATH</source>
            <translation>路径</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="131" />
            <source>chat</source>
            <translation>对话</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="131" />
            <source>embedding (library search)</source>
            <translation>嵌入（文档库搜索）</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="145" />
            <source>Hashing</source>
            <translation>正在计算哈希值</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="163" />
            <source>no: this version of llama.cpp cannot run it (%1)</source>
            <translation>否：此版本的 llama.cpp 无法运行此模型（%1）</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="163" />
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="184" />
            <source>No such file: %1</source>
            <translation>没有此文件：%1</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="189" />
            <source>Copying</source>
            <translation>正在复制</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="200" />
            <source>Already listed as %1</source>
            <translation>已列为 %1</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="211" />
            <source>No model with the id '%1'.</source>
            <translation>没有 ID 为“%1”的模型。</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/cli/models_cmds.py" line="229" />
            <source>%n model(s) failed verification: </source>
            <translation>
                <numerusform>%n 个模型验证失败：</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PolicyCommand</name>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="18" />
            <source>show settings and managed policy</source>
            <translation>显示设置和管理策略</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="20" />
            <source>effective value, source and lock of every setting</source>
            <translation>每项设置的生效值、来源和锁定状态</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="21" />
            <source>print one JSON object</source>
            <translation>输出一个 JSON 对象</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="40" />
            <source>locked</source>
            <translation>已锁定</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="41" />
            <source>SETTING</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="41" />
            <source>SOURCE</source>
            <translation>来源</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="41" />
            <source>VALUE</source>
            <translation>值</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="42" />
            <source>LOCKED</source>
            <translation>已锁定</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="48" />
            <source>warning</source>
            <translation>警告</translation>
        </message>
    </context>
    <context>
        <name>PrefillProgressBar</name>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="54" />
            <source>Summarising the documents</source>
            <translation>正在总结文档</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="55" />
            <source>Reading the prompt</source>
            <translation>正在读取提示</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="56" />
            <location filename="../app/ui/prefill_progress.py" line="57" />
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="58" />
            <source>Stop the summary (Esc)</source>
            <translation>停止总结 (Esc)</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="59" />
            <source>Stop the reply (Esc)</source>
            <translation>停止回复（Esc）</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="81" />
            <source>about %1 s left</source>
            <translation>约剩 %1 秒</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="82" />
            <source>about %1 min left</source>
            <translation>约剩 %1 分钟</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="85" />
            <source>Reading the prompt: %1 %</source>
            <translation>正在读取提示：%1%</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="88" />
            <source>%1 — %2</source>
            <translation>%1，%2</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="129" />
            <source>Combining the section summaries: part %1 of %2…</source>
            <translation>正在合并各节摘要：第 %1 部分（共 %2 部分）…</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="131" />
            <source>Summarising section %1 of %2…</source>
            <translation>正在总结第 %1 节（共 %2 节）…</translation>
        </message>
    </context>
    <context>
        <name>PresetBar</name>
        <message>
            <location filename="../app/ui/preset_bar.py" line="53" />
            <source>General chat</source>
            <translation>一般对话</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_bar.py" line="57" />
            <source>%1 (managed by your organisation)</source>
            <translation>%1（由机构管理）</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_bar.py" line="63" />
            <source>&amp;Task:</source>
            <translation>任务(&amp;T)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_bar.py" line="64" />
            <source>Task preset</source>
            <translation>工作模板</translation>
        </message>
    </context>
    <context>
        <name>PresetEditor</name>
        <message>
            <location filename="../app/ui/preset_editor.py" line="79" />
            <source>&amp;Name:</source>
            <translation>名称(&amp;N)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="79" />
            <source>D&amp;escription:</source>
            <translation>说明(&amp;E)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="80" />
            <source>System &amp;prompt:</source>
            <translation>系统提示(&amp;P)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="82" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="83" />
            <source>Description</source>
            <translation>说明</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="84" />
            <source>System prompt</source>
            <translation>系统提示</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="170" />
            <source>built-in</source>
            <translation>内置</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="170" />
            <source>managed by your organisation</source>
            <translation>由机构管理</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="171" />
            <source>yours</source>
            <translation>自定义</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="198" />
            <source>Your organisation's policy does not allow your own presets.</source>
            <translation>贵机构的管理政策不允许自定义模板。</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="281" />
            <source>Delete preset</source>
            <translation>删除模板</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="282" />
            <source>Delete your preset %1?</source>
            <translation>要删除你的模板“%1”吗？</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="294" />
            <location filename="../app/ui/preset_editor.py" line="295" />
            <source>Presets</source>
            <translation>工作模板</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="298" />
            <location filename="../app/ui/preset_editor.py" line="324" />
            <source>Chinese (Hong Kong)</source>
            <translation>中文（香港）</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="298" />
            <location filename="../app/ui/preset_editor.py" line="323" />
            <source>English</source>
            <translation>英文</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="299" />
            <location filename="../app/ui/preset_editor.py" line="324" />
            <source>Chinese (Simplified)</source>
            <translation>简体中文</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="302" />
            <source>&amp;Id:</source>
            <translation>标识符(&amp;I)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="302" />
            <source>&amp;Reply language:</source>
            <translation>回复语言(&amp;R)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="302" />
            <source>&amp;Temperature:</source>
            <translation>温度(&amp;T)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="303" />
            <source>Mi&amp;n-p:</source>
            <translation>Min-p(&amp;N)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="303" />
            <source>T&amp;op-p:</source>
            <translation>Top-p(&amp;O)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="303" />
            <source>Top-&amp;k:</source>
            <translation>Top-k(&amp;K)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="304" />
            <source>&amp;Fixed seed:</source>
            <translation>固定种子(&amp;F)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="304" />
            <source>&amp;Maximum reply tokens:</source>
            <translation>回复词元上限(&amp;M)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="304" />
            <source>Repeat penalt&amp;y:</source>
            <translation>重复惩罚(&amp;Y)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="305" />
            <source>&amp;Glossary file:</source>
            <translation>词汇表文件(&amp;G)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="305" />
            <source>Reference doc&amp;uments:</source>
            <translation>参考文档(&amp;U)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="308" />
            <source>Id</source>
            <translation>标识符</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="309" />
            <source>1-64 lower-case letters, digits, '.', '_' or '-'</source>
            <translation>1 至 64 个小写字母、数字、“.”、“_”或“-”</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="310" />
            <source>Temperature</source>
            <translation>温度</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="310" />
            <source>Top-p</source>
            <translation>Top-p</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="311" />
            <source>Min-p</source>
            <translation>Min-p</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="311" />
            <source>Top-k</source>
            <translation>Top-k</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="312" />
            <source>Maximum reply tokens</source>
            <translation>回复词元上限</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="312" />
            <source>Repeat penalty</source>
            <translation>重复惩罚</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="313" />
            <source>Fixed seed</source>
            <translation>固定种子</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="315" />
            <source>the setting's value</source>
            <translation>沿用设置值</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="318" />
            <source>From %1 to %2; empty: the setting's value.</source>
            <translation>从 %1 到 %2；留空则沿用设置值。</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="321" />
            <source>The same seed repeats a reply; -1: a new one each time.</source>
            <translation>相同种子会生成相同回复；-1：每次不同。</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="323" />
            <source>Same as the question</source>
            <translation>与提问相同</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="327" />
            <source>Reply language</source>
            <translation>回复语言</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="330" />
            <source>Ne&amp;w</source>
            <translation>新建(&amp;W)</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="331" />
            <source>&amp;Copy</source>
            <translation>复制(&amp;C)</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="332" />
            <source>&amp;Delete</source>
            <translation>删除(&amp;D)</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="333" />
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="355" />
            <source>&amp;Presets…</source>
            <translation>工作模板(&amp;P)…</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="356" />
            <source>Make, change or remove your own task presets</source>
            <translation>新建、更改或移除自定义工作模板</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="63" />
            <source>Choose a glossary</source>
            <translation>选择词汇表</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="64" />
            <source>Glossaries (%1)</source>
            <translation>词汇表（%1）</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="68" />
            <source>C&amp;hoose…</source>
            <translation>选择(&amp;H)…</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="69" />
            <source>Cle&amp;ar</source>
            <translation>清除(&amp;A)</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="70" />
            <source>Glossary file</source>
            <translation>词汇表文件</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="71" />
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="72" />
            <source>Choose a glossary file</source>
            <translation>选择词汇表文件</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="73" />
            <source>Clear the glossary file</source>
            <translation>清除词汇表文件</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="141" />
            <source>Choose reference documents</source>
            <translation>选择参考文档</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="142" />
            <source>Documents (%1)</source>
            <translation>文档（%1）</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="146" />
            <source>Add fi&amp;les…</source>
            <translation>添加文件(&amp;L)…</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="147" />
            <source>Remo&amp;ve</source>
            <translation>移除(&amp;V)</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="148" />
            <source>Reference documents</source>
            <translation>参考文档</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="149" />
            <source>Given to the model with every question asked with this preset</source>
            <translation>使用此模板提问时，每次都会提供给模型</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="150" />
            <source>Add reference documents</source>
            <translation>添加参考文档</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="151" />
            <source>Remove the selected reference document</source>
            <translation>移除所选的参考文档</translation>
        </message>
    </context>
    <context>
        <name>Presets</name>
        <message>
            <location filename="../app/documents/references.py" line="96" />
            <source>Task “%1”: the reference document %2 was not used: %3</source>
            <translation>工作模板“%1”：未使用参考文档 %2：%3</translation>
        </message>
        <message>
            <location filename="../app/documents/references.py" line="131" />
            <source>Documents are turned off by your organisation's policy, so the reference documents of “%1” are not used.</source>
            <translation>贵机构的管理政策已关闭文档功能，因此不会使用“%1”的参考文档。</translation>
        </message>
        <message>
            <location filename="../app/presets/collection.py" line="69" />
            <source>Presets {file}: refused: {problem}</source>
            <translation>工作模板 {file}：已拒绝：{problem}</translation>
        </message>
        <message>
            <location filename="../app/presets/collection.py" line="76" />
            <source>Your preset {id}: the id is already used by a built-in or IT preset (skipped)</source>
            <translation>你的模板 {id}：此编号已被内置或 IT 部门的模板使用（已跳过）</translation>
        </message>
        <message>
            <location filename="../app/presets/files.py" line="21" />
            <source>%1 cannot be used as a glossary: %2</source>
            <translation>%1 不能用作词汇表：%2</translation>
        </message>
        <message>
            <location filename="../app/presets/files.py" line="45" />
            <source>%1 cannot be a reference document: %2</source>
            <translation>%1 不能用作参考文档：%2</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="31" />
            <source>Presets {file}, preset {id}: {problem}</source>
            <translation>工作模板 {file}，模板 {id}：{problem}</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="33" />
            <source>Presets {file}: {problem}</source>
            <translation>工作模板 {file}：{problem}</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="42" />
            <source>'{key}' must be a text or an object with en, zh_HK, zh_CN</source>
            <translation>“{key}”必须是文本，或包含 en、zh_HK、zh_CN 的对象</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="46" />
            <source>'{key}' has an unknown language '{lang}' (use en, zh_HK, zh_CN)</source>
            <translation>“{key}”有未知语言“{lang}”（请用 en、zh_HK、zh_CN）</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="49" />
            <source>'{key}.{lang}' must be a text of at most {n} characters</source>
            <translation>“{key}.{lang}”必须是不超过 {n} 个字符的文本</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="53" />
            <source>'{key}' needs an English (en) text</source>
            <translation>“{key}”须有英文（en）文本</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="59" />
            <source>'{key}' must be a path</source>
            <translation>“{key}”必须是路径</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="68" />
            <source>'sampling' must be an object</source>
            <translation>“sampling”必须是对象</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="73" />
            <source>'sampling' has an unknown setting '{key}' (use {known})</source>
            <translation>“sampling”有未知设置“{key}”（请用 {known}）</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="79" />
            <source>'sampling.{key}' must be a number from {low} to {high}</source>
            <translation>“sampling.{key}”必须是 {low} 到 {high} 之间的数字</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="87" />
            <source>each preset must be an object</source>
            <translation>每个模板都必须是对象</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="90" />
            <source>'id' must be 1-64 lower-case letters, digits, '.', '_' or '-'</source>
            <translation>“id”必须由 1 到 64 个小写字母、数字、“.”、“_”或“-”组成</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="93" />
            <source>unknown field '{key}'</source>
            <translation>未知字段“{key}”</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="96" />
            <source>'reply_language' must be one of {choices}</source>
            <translation>“reply_language”必须是以下之一：{choices}</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="100" />
            <source>'documents' must be a list of paths</source>
            <translation>“documents”必须是路径列表</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="121" />
            <source>cannot be read ({error})</source>
            <translation>无法读取（{error}）</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="123" />
            <source>larger than {size} KB</source>
            <translation>大于 {size} KB</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="128" />
            <source>not valid UTF-8 JSON (line {line})</source>
            <translation>不是有效的 UTF-8 JSON（第 {line} 行）</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="130" />
            <source>expected an object with a 'presets' list</source>
            <translation>应为包含“presets”列表的对象</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="132" />
            <source>version {v} is not supported (use 1)</source>
            <translation>不支持版本 {v}（请用 1）</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="134" />
            <source>more than {n} presets</source>
            <translation>模板超过 {n} 个</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="145" />
            <source>the id is used twice; the second is skipped</source>
            <translation>编号重复；已跳过第二个</translation>
        </message>
        <message>
            <location filename="../app/presets/turn.py" line="55" />
            <source>The preset's glossary was not used for this reply: %1</source>
            <translation>此回复未使用模板的词汇表：%1</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="63" />
            <location filename="../app/presets/user_store.py" line="66" />
            <source>Your presets file {file} cannot be read, so it was not changed. Fix or remove it first.</source>
            <translation>无法读取你的模板文件 {file}，因此没有更改它。请先修正或移除该文件。</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="79" />
            <source>Your presets could not be saved to {file}: {error}</source>
            <translation>你的模板无法保存至 {file}：{error}</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="85" />
            <source>Your organisation's policy does not allow your own presets.</source>
            <translation>贵机构的管理政策不允许自定义模板。</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="93" />
            <source>{name} is managed by your organisation and cannot be changed.</source>
            <translation>“{name}”由机构管理，不能更改。</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="95" />
            <source>{name} is built in and cannot be changed; save a copy under a new id.</source>
            <translation>“{name}”是内置模板，不能更改；请以新的标识符另存副本。</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="117" />
            <source>The id {id} is already used by a built-in or IT preset; choose another.</source>
            <translation>标识符 {id} 已被内置或 IT 部门的模板使用，请选用其他标识符。</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="122" />
            <location filename="../app/presets/user_store.py" line="144" />
            <source>You have no preset {id}.</source>
            <translation>你没有模板 {id}。</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="124" />
            <location filename="../app/presets/user_store.py" line="128" />
            <source>You already have a preset {id}.</source>
            <translation>你已有模板 {id}。</translation>
        </message>
    </context>
    <context>
        <name>PresetsCli</name>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="20" />
            <source>task presets (built-in, IT's and your own)</source>
            <translation>工作模板（内置、IT 部门提供及你自定义的）</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="22" />
            <source>list the presets and any problems with the files</source>
            <translation>列出模板及文件中的问题</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="25" />
            <source>save your own preset(s) from a JSON file</source>
            <translation>从 JSON 文件保存自定义模板</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="27" />
            <source>replace your preset with the same id</source>
            <translation>替换标识符相同的自定义模板</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="29" />
            <source>remove one of your own presets</source>
            <translation>移除一个自定义模板</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="48" />
            <source>No preset '{id}'. Known presets: {known}</source>
            <translation>没有模板“{id}”。现有模板：{known}</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="66" />
            <source>IT (locked)</source>
            <translation>IT 部门（已锁定）</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="66" />
            <source>built-in</source>
            <translation>内置</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="66" />
            <source>yours</source>
            <translation>自定义</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="73" />
            <source>warning</source>
            <translation>警告</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="81" />
            <source>Cannot read {file}: {error}</source>
            <translation>无法读取 {file}：{error}</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="85" />
            <source>{file} holds no preset.</source>
            <translation>{file} 没有任何模板。</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="103" />
            <source>Saved your preset {id}.</source>
            <translation>已保存你的模板 {id}。</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="116" />
            <source>Removed your preset {id}.</source>
            <translation>已移除你的模板 {id}。</translation>
        </message>
    </context>
    <context>
        <name>RemoteEndpoints</name>
        <message>
            <location filename="../app/remote_endpoints.py" line="118" />
            <source>Remote endpoints are turned off by your organisation's policy.</source>
            <translation>贵单位的策略已关闭远程端点。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="124" />
            <source>The endpoint address must be an https:// URL with a host name.</source>
            <translation>端点地址必须是带主机名的 https:// 网址。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="128" />
            <source>The endpoint address must not contain a user name or password; save the access token in the keyring instead.</source>
            <translation>端点地址不能包含用户名或密码；请改为将访问令牌保存在密钥环中。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="133" />
            <source>Plain http:// is refused for a server on another machine: text would cross the network unencrypted. Use https://.</source>
            <translation>不接受用 http:// 连接其他计算机上的服务器：文字会在网络上以未加密方式传输。请使用 https://。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="138" />
            <source>The host %1 is not on your organisation's list of allowed servers.</source>
            <translation>主机 %1 不在贵单位允许的服务器列表中。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="164" />
            <source>Access tokens may not be written in settings or policy files (field %1); save them in the system keyring.</source>
            <translation>访问令牌不能写在设置或策略文件中（字段 %1）；请将其保存在系统密钥环中。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="171" />
            <source>An endpoint needs an id without '/'.</source>
            <translation>端点需要一个不含“/”的 ID。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="173" />
            <source>The endpoint %1 has no URL.</source>
            <translation>端点 %1 没有网址。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="179" />
            <source>The endpoint %1 sets a proxy or CA bundle, which only your administrator may set (policy or site defaults). Remove them from your settings or ask IT.</source>
            <translation>服务器 %1 设置了代理服务器或 CA 证书，这两项只能由管理员设置（策略或站点默认值）。请从你的设置中删除这两项，或联系 IT 部门。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="232" />
            <source>Text leaves this PC for the on-premises server %1 (%2)</source>
            <translation>文字会发送到本机以外的单位内部服务器 %1（%2）</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="255" />
            <source>Not a remote model reference: %1</source>
            <translation>不是远程模型的写法：%1</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="259" />
            <source>A remote model is written remote:&lt;endpoint&gt;/&lt;model&gt;.</source>
            <translation>远程模型的写法是 remote:&lt;端点&gt;/&lt;模型&gt;。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="273" />
            <source>No remote endpoint named %1 is configured.</source>
            <translation>未配置名为 %1 的远程端点。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="298" />
            <source>The system keyring is not available (%1); the access token cannot be used.</source>
            <translation>系统密钥环不可用（%1）；无法使用访问令牌。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="331" />
            <source>The access token is empty.</source>
            <translation>访问令牌为空。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="378" />
            <source>not encrypted (http)</source>
            <translation>未加密（http）</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="381" />
            <source>verified: %1, %2; issuer %3; expires %4</source>
            <translation>已验证：%1，%2；颁发者 %3；到期 %4</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="384" />
            <source>failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="385" />
            <source>unknown (not connected)</source>
            <translation>未知（未连接）</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="403" />
            <location filename="../app/remote_endpoints.py" line="437" />
            <source>not checked</source>
            <translation>未检查</translation>
        </message>
    </context>
    <context>
        <name>Selftest</name>
        <message>
            <location filename="../app/selftest.py" line="74" />
            <source>skipped: needs '%1', which did not pass</source>
            <translation>已跳过：需要“%1”，但该项未通过</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="97" />
            <source>no system keyring is available (%1). On Linux, sign in to a desktop session that runs a Secret Service (GNOME Keyring or KWallet); on Windows, Credential Manager must be running.</source>
            <translation>没有可用的系统密钥环（%1）。在 Linux 上，请登录运行 Secret Service（GNOME Keyring 或 KWallet）的桌面会话；在 Windows 上，凭据管理器必须正在运行。</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="107" />
            <source>the keyring (%1) returned a different secret</source>
            <translation>密钥环（%1）返回了不同的密码</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="112" />
            <source>the keyring (%1) did not delete the test secret</source>
            <translation>密钥环（%1）没有删除测试密码</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="114" />
            <source>the keyring (%1) failed: %2</source>
            <translation>密钥环（%1）出错：%2</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="116" />
            <source>%1: a secret was stored, read back and deleted</source>
            <translation>%1：已存储、读回并删除一个密码</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="139" />
            <source>the history database was written without encryption</source>
            <translation>历史记录数据库以未加密方式写入</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="142" />
            <source>plain text was found in %1</source>
            <translation>在 %1 中发现明文</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="148" />
            <source>the conversation read back differs from what was stored</source>
            <translation>读回的对话与存储的不同</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="150" />
            <source>search did not find the stored conversation</source>
            <translation>搜索找不到已存储的对话</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="156" />
            <source>SQLCipher, key in the keyring: stored, reopened, read back and found by search</source>
            <translation>SQLCipher，密钥存于密钥环：已存储、重新打开、读回并可搜索</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="179" />
            <source>built and hashed, %1 bytes</source>
            <translation>已构建并计算哈希，%1 字节</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="201" />
            <source>the reply differs from the diagnostic script</source>
            <translation>回复与诊断脚本不同</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="230" />
            <source>build diagnostic model</source>
            <translation>构建诊断模型</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="230" />
            <source>load</source>
            <translation>加载</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="231" />
            <source>keyring round-trip</source>
            <translation>密钥环往返测试</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="235" />
            <source>chat</source>
            <translation>对话</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="236" />
            <source>cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="238" />
            <source>encrypted history round-trip</source>
            <translation>加密历史记录往返测试</translation>
        </message>
        <message>
            <source>history round-trip</source>
            <translation type="vanished">历史记录往返</translation>
        </message>
        <message>
            <source>skipped after an earlier failure</source>
            <translation type="vanished">因之前的失败而跳过</translation>
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message>
            <location filename="../app/admin_files.py" line="34" />
            <source>the folder %1 is owned by uid %2, not by an administrator</source>
            <translation>文件夹 %1 的所有者是 uid %2，而不是管理员</translation>
        </message>
        <message>
            <location filename="../app/admin_files.py" line="35" />
            <source>the file %1 is owned by uid %2, not by an administrator</source>
            <translation>文件 %1 的所有者是 uid %2，而不是管理员</translation>
        </message>
        <message>
            <location filename="../app/admin_files.py" line="38" />
            <source>users who are not administrators can change the folder %1 (mode %2)</source>
            <translation>非管理员用户可以修改文件夹 %1（权限 %2）</translation>
        </message>
        <message>
            <location filename="../app/admin_files.py" line="39" />
            <source>users who are not administrators can change the file %1 (mode %2)</source>
            <translation>非管理员用户可以修改文件 %1（权限 %2）</translation>
        </message>
        <message>
            <location filename="../app/admin_files.py" line="54" />
            <source>the folder %1 can be changed by %2, who is not an administrator</source>
            <translation>非管理员 %2 可以修改文件夹 %1</translation>
        </message>
        <message>
            <location filename="../app/admin_files.py" line="55" />
            <source>the file %1 can be changed by %2, who is not an administrator</source>
            <translation>非管理员 %2 可以修改文件 %1</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="160" />
            <source>expected true or false</source>
            <translation>应为 true 或 false</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="165" />
            <source>below the minimum %1</source>
            <translation>低于下限 %1</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="167" />
            <source>above the maximum %1</source>
            <translation>超过上限 %1</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="172" />
            <source>expected a whole number</source>
            <translation>应为整数</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="179" />
            <source>expected a number</source>
            <translation>应为数字</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="186" />
            <source>expected text</source>
            <translation>应为文本</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="188" />
            <source>longer than %1 characters</source>
            <translation>超过 %1 个字符</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="190" />
            <source>does not match %1</source>
            <translation>与 %1 不匹配</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="201" />
            <source>expected an absolute path (relative paths are refused)</source>
            <translation>必须是绝对路径（不接受相对路径）</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="207" />
            <source>expected one of %1</source>
            <translation>应为以下之一：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="213" />
            <source>expected a list of non-empty texts</source>
            <translation>应为非空文本的列表</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="217" />
            <source>list item does not match %1</source>
            <translation>列表项与 %1 不匹配</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="233" />
            <source>expected a list of endpoint objects</source>
            <translation>应为端点对象列表</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="238" />
            <source>each endpoint must be an object</source>
            <translation>每个端点都必须是对象</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="241" />
            <source>unknown endpoint fields</source>
            <translation>未知的端点字段</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="244" />
            <source>endpoint needs '%1'</source>
            <translation>端点需要“%1”</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="246" />
            <source>endpoint id must be 1-64 letters, digits, '_', '.' or '-'</source>
            <translation>端点 ID 必须由 1 到 64 个字母、数字、“_”、“.”或“-”组成</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="248" />
            <source>duplicate endpoint id</source>
            <translation>端点 ID 重复</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="252" />
            <source>endpoint url must be an http(s) URL with a host</source>
            <translation>端点网址必须是带主机的 http(s) 网址</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="257" />
            <source>display_name must be text or {language: text}</source>
            <translation>display_name 必须是文本或 {语言: 文本}</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="260" />
            <source>models must be a list of model names</source>
            <translation>models 必须是模型名称列表</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="263" />
            <source>%1 must be text</source>
            <translation>%1 必须是文本</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="284" />
            <source>Interface language</source>
            <translation>界面语言</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="285" />
            <source>Language of menus and messages; 'system' follows the Windows or desktop language.</source>
            <translation>菜单和消息使用的语言；“system”跟随 Windows 或桌面的语言设置。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="289" />
            <source>Reply language</source>
            <translation>回复语言</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="290" />
            <source>Language and script the assistant is asked to answer in; 'auto' answers in the language of the question.</source>
            <translation>要求助手使用的回答语言和文字；“auto”使用提问的语言回答。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="294" />
            <source>Light or dark colours, or follow the system.</source>
            <translation>浅色或深色，或跟随系统设置。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="294" />
            <source>Theme</source>
            <translation>主题</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="297" />
            <source>Font size</source>
            <translation>字体大小</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="297" />
            <source>Size of the conversation text, in points.</source>
            <translation>对话文字的大小（磅）。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="301" />
            <source>Default model</source>
            <translation>默认模型</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="302" />
            <source>Catalogue id of the model a new conversation uses; empty uses the model the catalogue marks as default.</source>
            <translation>新对话使用的模型目录 ID；留空则使用目录中标为默认的模型。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="306" />
            <source>Context length</source>
            <translation>上下文长度</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="307" />
            <source>Tokens of conversation the model keeps in view; 0 uses the model's own length. Longer contexts use more memory.</source>
            <translation>模型可顾及的对话词元（token）数；0 表示使用模型自身的长度。上下文越长，占用内存越多。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="311" />
            <source>System prompt</source>
            <translation>系统提示词</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="312" />
            <source>Instructions given to the model before every conversation; empty uses the catalogue's prompt for the model.</source>
            <translation>每次对话前给模型的指示；留空则使用目录为该模型设置的提示词。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="316" />
            <source>Randomness of replies; lower is more predictable.</source>
            <translation>回复的随机程度；数值越低越稳定。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="316" />
            <source>Temperature</source>
            <translation>温度</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="319" />
            <source>Sample only from the most likely tokens that together reach this probability.</source>
            <translation>只从累计概率达到此值的最可能词元中采样。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="319" />
            <source>Top-p</source>
            <translation>Top-p</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="323" />
            <source>Sample only from this many most likely tokens; 0 disables the limit.</source>
            <translation>只从最可能的这么多个词元中采样；0 表示不设上限。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="323" />
            <source>Top-k</source>
            <translation>Top-k</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="327" />
            <source>Drop tokens less likely than this fraction of the most likely one.</source>
            <translation>舍弃概率低于最可能词元此比例的词元。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="327" />
            <source>Min-p</source>
            <translation>Min-p</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="331" />
            <source>Discourage repeating recent tokens; 1.0 is off.</source>
            <translation>减少重复近期出现的词元；1.0 表示关闭。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="331" />
            <source>Repeat penalty</source>
            <translation>重复惩罚</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="334" />
            <source>Maximum reply length</source>
            <translation>回复长度上限</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="335" />
            <source>Most tokens one reply (reasoning included) may use.</source>
            <translation>每个回复（包括思考过程）最多可用的词元数。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="338" />
            <source>Random seed</source>
            <translation>随机种子</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="339" />
            <source>Fixed seed for repeatable replies; -1 picks a new one each time.</source>
            <translation>固定种子可使回复可复现；-1 表示每次重新选择。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="343" />
            <source>Compute device</source>
            <translation>计算设备</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="344" />
            <source>'auto' picks the best allowed device, 'cpu' uses the processor only, or a device id from 'bauhinia doctor'.</source>
            <translation>“auto”自动选用最佳的允许设备，“cpu”只用处理器，或填写“bauhinia doctor”列出的设备 ID。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="348" />
            <source>Allowed compute devices</source>
            <translation>允许的计算设备</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="349" />
            <source>Backends or device ids the application may use (for example cpu, CUDA0, Vulkan0); empty allows all.</source>
            <translation>应用程序可使用的后端或设备 ID（例如 cpu、CUDA0、Vulkan0）；留空表示全部允许。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="353" />
            <source>GPU layers</source>
            <translation>GPU 层数</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="354" />
            <source>Model layers placed on the GPU; -1 decides from the free memory, 0 keeps the model on the processor.</source>
            <translation>放在 GPU 上的模型层数；-1 根据可用显存决定，0 使模型只在处理器上运行。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="358" />
            <source>Processor threads</source>
            <translation>处理器线程</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="359" />
            <source>Most threads used for generation; 0 uses the number of physical cores. Fewer are used while other programs keep cores busy.</source>
            <translation>生成回复时最多使用的线程数；0 表示使用物理核心数。其他程序占用核心时会自动减少。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="363" />
            <source>Conversation memory budget (MB)</source>
            <translation>对话缓存预算（MB）</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="364" />
            <source>Memory kept for switching back to recent conversations without re-reading them; 0 disables it.</source>
            <translation>用于快速切换回最近对话、无需重新读取的内存；0 表示停用。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="368" />
            <source>Keep the last conversation's memory across restarts (MB)</source>
            <translation>重新启动后保留上一个对话的记忆（MB）</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="369" />
            <source>When the app or the model closes, the last conversation's model state is kept, encrypted with the history key, so its first reply after a restart does not re-read the whole conversation; 0 disables it. Nothing is kept when the history is not encrypted with the system keyring.</source>
            <translation>关闭程序或模型时，上一个对话的模型状态会用历史记录密钥加密保存，重新启动后的第一个回复无需重新读取整个对话；0 表示停用。历史记录未用系统密钥环加密时，不会保存任何内容。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="375" />
            <source>Faster copying from the prompt</source>
            <translation>加快复制提示内容</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="376" />
            <source>Guess the next words from the prompt and attachments and check several at once; the reply is the same, only faster when it repeats the prompt.</source>
            <translation>从提示和附件推测接下来的字词，并一次核对多个；回复内容不变，只在重复提示内容时更快。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="381" />
            <source>Keep conversation history</source>
            <translation>保留历史记录</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="382" />
            <source>Save conversations on this computer so they can be searched and reopened.</source>
            <translation>将对话保存在这台电脑上，以便搜索和重新打开。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="385" />
            <source>Keep history for (days)</source>
            <translation>历史记录保留天数</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="386" />
            <source>Conversations older than this are deleted; 0 keeps them until deleted by hand.</source>
            <translation>超过此天数的对话将被删除；0 表示保留到手动删除为止。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="389" />
            <source>History encryption</source>
            <translation>历史记录加密</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="390" />
            <source>'required': history is always encrypted; 'preferred': encrypted when a key can be kept in the system keyring; 'off': not encrypted.</source>
            <translation>“required”：历史记录始终加密；“preferred”：可将密钥保存在系统密钥环时加密；“off”：不加密。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="395" />
            <source>Without a keyring</source>
            <translation>没有系统密钥环时</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="396" />
            <source>What to do when encryption is wanted but no system keyring is available: refuse to keep history, ask for a passphrase, or keep it unencrypted with a warning.</source>
            <translation>需要加密但没有系统密钥环时的处理方式：不保留历史记录、要求输入密码短语，或不加密保留并显示警告。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="401" />
            <source>Allow exporting conversations</source>
            <translation>允许导出对话</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="402" />
            <source>Whether conversations may be exported to files.</source>
            <translation>是否允许将对话导出为文件。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="406" />
            <source>Model catalogue</source>
            <translation>模型目录</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="407" />
            <source>Path of the IT model catalogue (models.json); empty uses the standard location. Environment variables are expanded; the path must be absolute, and a catalogue that non-administrators can change is refused.</source>
            <translation>IT 部门模型目录（models.json）的路径；留空则使用标准位置。路径中的环境变量会被展开，路径必须是绝对路径；非管理员可以修改的目录文件会被拒绝。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="413" />
            <source>Imported models folder</source>
            <translation>导入模型文件夹</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="414" />
            <source>Folder where imported models are copied; empty uses the user's data folder. Environment variables are expanded; the path must be absolute.</source>
            <translation>导入的模型将复制到此文件夹；留空则使用用户数据文件夹。路径中的环境变量会被展开，路径必须是绝对路径。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="418" />
            <source>Allow users to import models</source>
            <translation>允许用户导入模型</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="419" />
            <source>Whether users may add model files that are not in the IT catalogue.</source>
            <translation>用户是否可以添加不在 IT 部门目录中的模型文件。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="422" />
            <source>Require verified models</source>
            <translation>只允许已验证的模型</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="423" />
            <source>Load only model files whose SHA-256 matches the catalogue or the hash recorded when they were imported; other files are refused.</source>
            <translation>只加载 SHA-256 与目录或导入时记录的哈希值相符的模型文件；其他文件一律拒绝。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="428" />
            <source>Terminology glossary</source>
            <translation>术语词汇表</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="429" />
            <source>A CSV or TSV glossary (columns en, zh_HK, zh_CN and an optional note), or a folder of them: terms found in the input are given to the model with their approved rendering, and the reply is checked for it. Empty uses the 'glossary' folder in the administrator's configuration folder when it exists. Environment variables are expanded; the path must be absolute.</source>
            <translation>CSV 或 TSV 词汇表（列 en、zh_HK、zh_CN 及可选的 note），或存放这些文件的文件夹：输入中出现的术语连同核准译名交给模型，并检查回复是否采用。留空则使用管理员配置文件夹中的“glossary”文件夹（如存在）。路径中的环境变量会被展开，路径必须是绝对路径。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="436" />
            <source>Keep an audit log</source>
            <translation>保留审计日志</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="437" />
            <source>Record who loaded which model, finished replies (token counts), exports, imports, deletions, policy refusals and added documents (names and SHA-256) in a hash-chained log; never the text of messages or documents. An action whose record cannot be written is stopped. Once a policy turns it on, users cannot turn it off.</source>
            <translation>将谁加载了哪个模型、完成的回复（词元数）、导出、导入、删除、被策略拒绝的操作及添加的文档（名称和 SHA-256）记录在以哈希串联的日志中；绝不记录消息或文档的内容。无法写入日志的操作会被停止。策略一旦开启，用户便不能关闭。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="443" />
            <source>Audit log folder</source>
            <translation>审计日志文件夹</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="444" />
            <source>Folder of the audit log (audit.jsonl; full files become audit.000001.jsonl …); empty uses 'audit' in the user's data folder. Use a folder per user, for example under %LOCALAPPDATA%. Environment variables are expanded; the path must be absolute.</source>
            <translation>审计日志所在的文件夹（audit.jsonl；写满的文件改名为 audit.000001.jsonl 等）；留空则使用用户数据文件夹中的“audit”。请为每位用户使用单独的文件夹，例如 %LOCALAPPDATA% 之下。路径中的环境变量会被展开，路径必须是绝对路径。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="449" />
            <source>Audit log file size (bytes)</source>
            <translation>审计日志文件大小（字节）</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="450" />
            <source>Size at which the audit log starts a new file; the new file continues the hash chain and old files are kept.</source>
            <translation>审计日志文件达到此大小时开始新文件；新文件延续哈希串联，旧文件会保留。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="455" />
            <source>Task presets file</source>
            <translation>工作模板文件</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="456" />
            <source>The organisation's presets.json (tasks with a system prompt, sampling, reply language, glossary and reference documents; schema presets.schema.json). Empty uses presets.json beside the model catalogue. Its presets are locked; a file non-administrators can change is refused. Environment variables are expanded; the path must be absolute.</source>
            <translation>机构的 presets.json（工作模板，包括系统提示、采样设置、回复语言、词汇表和参考文件；结构定义见 presets.schema.json）。留空则使用模型目录旁的 presets.json。其中的模板已锁定；非管理员可以修改的文件会被拒绝。路径中的环境变量会被展开，路径必须是绝对路径。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="462" />
            <source>Allow users' own presets</source>
            <translation>允许用户自定义模板</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="463" />
            <source>Whether users may add their own task presets besides the built-in and the organisation's ones.</source>
            <translation>除内置及机构提供的工作模板外，用户是否可以添加自己的模板。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="468" />
            <source>Allow documents</source>
            <translation>允许使用文档</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="469" />
            <source>Whether files may be attached to messages and added to the document library. Document text is kept only in the encrypted history database.</source>
            <translation>是否可以把文件附加到消息及添加到文档库。文档内容只保存在已加密的历史记录数据库中。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="473" />
            <source>Largest document (MB)</source>
            <translation>文档大小上限（MB）</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="474" />
            <source>Files larger than this are not read, attached or indexed.</source>
            <translation>大于此大小的文件不会被读取、附加或编入索引。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="477" />
            <source>Shared library folders</source>
            <translation>共享文档库文件夹</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="478" />
            <source>Folders (for example a department's circulars on a file share) that every user's document library indexes; users cannot remove them. Use absolute paths.</source>
            <translation>每位用户的文档库都会编入索引的文件夹（例如文件服务器上部门的通告）；用户不能移除。请使用绝对路径。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="482" />
            <source>Allow users to add library folders</source>
            <translation>允许用户添加文档库文件夹</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="483" />
            <source>Whether users may add their own files and folders to the document library; the shared library folders are indexed either way.</source>
            <translation>用户是否可以把自己的文件和文件夹添加到文档库；无论如何，共享文档库文件夹都会编入索引。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="487" />
            <source>Embedding model for the library</source>
            <translation>文档库的嵌入模型</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="488" />
            <source>Catalogue id of an embedding model ("role": "embedding" in the model catalogue, for example a multilingual bge-m3 GGUF). When set, library passages also get vectors, kept in the encrypted history database, and searches combine them with keyword ranking. Empty uses keyword ranking only.</source>
            <translation>模型目录中嵌入模型（"role": "embedding"，例如多语言 bge-m3 GGUF）的 ID。设置后，文档库段落也会生成向量，保存在加密的历史记录数据库中，搜索时与关键词排序合并。留空则只用关键词排序。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="495" />
            <source>Allow remote endpoints</source>
            <translation>允许远程服务器</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="496" />
            <source>Whether the application may send conversations to an on-premises OpenAI-compatible server instead of running models locally.</source>
            <translation>应用程序是否可以将对话发送到机构内部兼容 OpenAI 的服务器，而不是在本机运行模型。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="500" />
            <source>Allowed remote hosts</source>
            <translation>允许的远程主机</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="501" />
            <source>Host names (optionally with :port, '*.' for sub-domains) remote endpoints may use; empty allows none.</source>
            <translation>远程服务器可使用的主机名（可加 :端口，“*.”代表子域名）；留空表示一律不允许。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="506" />
            <source>Allow unencrypted HTTP</source>
            <translation>允许未加密的 HTTP</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="507" />
            <source>Whether remote endpoints may use plain http:// instead of https://.</source>
            <translation>远程服务器是否可以使用 http:// 而不是 https://。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="510" />
            <source>Remote endpoints</source>
            <translation>远程服务器</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="511" />
            <source>On-premises OpenAI-compatible servers: id, url, display name, models, CA bundle and proxy. The CA bundle and proxy are honoured only when set by policy or site defaults. Access tokens are kept in the system keyring, never here.</source>
            <translation>机构内部兼容 OpenAI 的服务器：ID、网址、显示名称、模型、CA 证书和代理服务器。CA 证书和代理服务器只有在由策略或站点默认值设置时才会采用。访问令牌只保存在系统密钥环中，不会写在这里。</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="190" />
            <source>unknown policy value name</source>
            <translation>未知的策略值名称</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="197" />
            <source>unknown setting</source>
            <translation>未知的设置</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="264" />
            <source>%1 (ignored)</source>
            <translation>%1（已忽略）</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="268" />
            <source>only an administrator may set this (ignored)</source>
            <translation>只有管理员可以设置此项（已忽略）</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="277" />
            <source>invalid value in %1</source>
            <translation>%1 中的值无效</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="279" />
            <source>%1; failing closed</source>
            <translation>%1；已采用最安全的值</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="283" />
            <source>%1; ignored</source>
            <translation>%1；已忽略</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="303" />
            <source>the file must hold one JSON object of setting names and values</source>
            <translation>文件必须包含一个由设置名称和值组成的 JSON 对象</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="327" />
            <source>cannot list policy folder: %1</source>
            <translation>无法列出策略文件夹：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="333" />
            <location filename="../app/settings/sources.py" line="411" />
            <source>refused: %1</source>
            <translation>已拒绝：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="338" />
            <source>unreadable or malformed policy: %1</source>
            <translation>无法读取或格式有误的策略：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="350" />
            <source>cannot read policy key: %1</source>
            <translation>无法读取策略注册表项：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="362" />
            <source>policy could not be read: %1</source>
            <translation>无法读取策略：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="383" />
            <source>cannot read installer key: %1</source>
            <translation>无法读取安装程序注册表项：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="418" />
            <source>unreadable or malformed site defaults: %1</source>
            <translation>无法读取或格式有误的单位默认值：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="428" />
            <source>cannot read site defaults key: %1</source>
            <translation>无法读取单位默认值注册表项：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="444" />
            <source>unreadable or malformed settings file: %1</source>
            <translation>无法读取或格式有误的设置文件：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="468" />
            <source>unknown setting (ignored)</source>
            <translation>未知的设置（已忽略）</translation>
        </message>
        <message>
            <location filename="../app/settings/store.py" line="72" />
            <source>Managed by your organisation (policy unreadable; safest value used)</source>
            <translation>由贵单位管理（无法读取策略；已采用最安全的值）</translation>
        </message>
        <message>
            <location filename="../app/settings/store.py" line="74" />
            <source>Managed by your organisation</source>
            <translation>由贵单位管理</translation>
        </message>
        <message>
            <location filename="../app/settings/store.py" line="76" />
            <source>Set by your administrator</source>
            <translation>由管理员设置</translation>
        </message>
        <message>
            <location filename="../app/settings/store.py" line="169" />
            <source>'%1' is managed by your organisation and cannot be changed.</source>
            <translation>“%1”由贵单位管理，无法更改。</translation>
        </message>
        <message>
            <location filename="../app/settings/store.py" line="175" />
            <source>'%1' can only be set by an administrator.</source>
            <translation>“%1”只能由管理员设置。</translation>
        </message>
        <message>
            <source>Folder where imported models are copied; empty uses the user's data folder.</source>
            <translation type="vanished">导入的模型将复制到此文件夹；留空则使用用户数据文件夹。</translation>
        </message>
        <message>
            <source>On-premises OpenAI-compatible servers: id, url, display name, models, CA bundle and proxy. Access tokens are kept in the system keyring, never here.</source>
            <translation type="vanished">机构内部兼容 OpenAI 的服务器：ID、网址、显示名称、模型、CA 证书和代理服务器。访问令牌只保存在系统密钥环中，不会写在这里。</translation>
        </message>
        <message>
            <source>Path of the IT model catalogue (models.json); empty uses the standard location.</source>
            <translation type="vanished">IT 部门模型目录（models.json）的路径；留空则使用标准位置。</translation>
        </message>
        <message>
            <source>The organisation's presets.json (tasks with a system prompt, sampling, reply language and glossary; schema presets.schema.json). Empty uses presets.json beside the model catalogue. Its presets are locked; a file non-administrators can change is refused. Environment variables are expanded; the path must be absolute.</source>
            <translation type="vanished">机构的 presets.json（工作模板，包括系统提示、采样设置、回复语言和词汇表；结构定义见 presets.schema.json）。留空则使用模型目录旁的 presets.json。其中的模板已锁定；非管理员可以修改的文件会被拒绝。路径中的环境变量会被展开，路径必须是绝对路径。</translation>
        </message>
        <message>
            <source>Threads used for generation; 0 uses the number of physical cores.</source>
            <translation type="vanished">生成回复时使用的线程数；0 表示使用物理核心数。</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="54" />
            <source>Appearance</source>
            <translation>外观</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="55" />
            <location filename="../app/ui/settings_dialog.py" line="57" />
            <source>Chat</source>
            <translation>对话</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="56" />
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="58" />
            <source>Sampling</source>
            <translation>采样</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="59" />
            <location filename="../app/ui/settings_dialog.py" line="60" />
            <source>Compute</source>
            <translation>计算</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="61" />
            <source>History</source>
            <translation>历史记录</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="62" />
            <source>Models</source>
            <translation>模型管理</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="63" />
            <source>Remote servers</source>
            <translation>远程服务器</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="64" />
            <source>Terminology glossary</source>
            <translation>术语词汇表</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="65" />
            <source>Audit log</source>
            <translation>审计日志</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="66" />
            <source>Documents</source>
            <translation>文档</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="67" />
            <source>Task presets</source>
            <translation>工作模板</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="167" />
            <location filename="../app/ui/settings_dialog.py" line="168" />
            <location filename="../app/ui/settings_dialog.py" line="249" />
            <location filename="../app/ui/settings_dialog.py" line="279" />
            <location filename="../app/ui/settings_dialog.py" line="292" />
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="169" />
            <source>All settings</source>
            <translation>所有设置</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="170" />
            <source>Find a setting (English or Chinese)</source>
            <translation>搜索设置（中文或英文）</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="171" />
            <source>Find a setting</source>
            <translation>搜索设置</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="172" />
            <source>Shows only the settings whose name or description contains these words, in any language</source>
            <translation>只显示名称或说明包含这些字词的设置（任何语言）</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="174" />
            <source>Find a setting by name or description, in English or Chinese (Ctrl+F)</source>
            <translation>按名称或说明搜索设置，可用中文或英文（Ctrl+F）</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="175" />
            <source>No setting matches this search.</source>
            <translation>没有符合搜索的设置。</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="177" />
            <source>Clear search</source>
            <translation>清除搜索</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="196" />
            <source>Takes effect after a restart.</source>
            <translation>重启后生效。</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="250" />
            <source>%1 was not changed: %2</source>
            <translation>%1 未更改：%2</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="280" />
            <source>The access token for %1 was not saved: %2</source>
            <translation>%1 的访问令牌未能保存：%2</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="293" />
            <source>These changes take effect after Bauhinia restarts: %1</source>
            <translation>以下更改将在紫荆助手重启后生效：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="30" />
            <source>Follow the system</source>
            <translation>跟随系统</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="31" />
            <source>Same language as the question</source>
            <translation>与提问相同的语言</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="32" />
            <source>Light</source>
            <translation>浅色</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="33" />
            <source>Dark</source>
            <translation>深色</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="34" />
            <source>Required</source>
            <translation>必须加密</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="35" />
            <source>When possible</source>
            <translation>尽可能加密</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="36" />
            <source>Off</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="37" />
            <source>Do not keep history</source>
            <translation>不保留历史记录</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="38" />
            <source>Ask for a passphrase</source>
            <translation>要求输入密码短语</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="39" />
            <source>Unencrypted, with a warning</source>
            <translation>不加密并显示警告</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_models.py" line="51" />
            <source>Catalogue default (%1)</source>
            <translation>目录默认（%1）</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_models.py" line="52" />
            <source>Catalogue default</source>
            <translation>目录默认</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_models.py" line="57" />
            <source>%1 (not in the catalogue)</source>
            <translation>%1（不在目录中）</translation>
        </message>
    </context>
    <context>
        <name>Sidebar</name>
        <message>
            <location filename="../app/ui/sidebar.py" line="350" />
            <location filename="../app/ui/sidebar.py" line="351" />
            <source>New chat</source>
            <translation>新对话</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="352" />
            <source>Start a new conversation (Ctrl+N)</source>
            <translation>开始新对话（Ctrl+N）</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="353" />
            <source>Search conversations (Ctrl+K)</source>
            <translation>搜索对话（Ctrl+K）</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="354" />
            <source>Search conversations</source>
            <translation>搜索对话</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="355" />
            <source>Searches every conversation as you type; Down moves to the results, Enter opens the first</source>
            <translation>输入时即搜索所有对话；按向下键移到结果，按 Enter 打开第一个结果</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="358" />
            <source>Clear search</source>
            <translation>清除搜索</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="359" />
            <source>Conversations</source>
            <translation>对话</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="360" />
            <source>Enter opens a conversation, F2 renames it, Delete deletes it; the context menu pins and archives</source>
            <translation>按 Enter 打开对话，F2 重命名，Delete 删除；右键菜单可置顶和归档</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="362" />
            <source>Conversation deleted.</source>
            <translation>已删除对话。</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="363" />
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="364" />
            <source>Undo delete</source>
            <translation>撤销删除</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="377" />
            <source>MMMM yyyy</source>
            <comment>sidebar heading for the conversations of one month</comment>
            <translation>yyyy年M月</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="380" />
            <source>Pinned</source>
            <translation>已置顶</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="381" />
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="382" />
            <source>Yesterday</source>
            <translation>昨天</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="383" />
            <source>Previous 7 days</source>
            <translation>过去 7 天</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="384" />
            <source>Previous 30 days</source>
            <translation>过去 30 天</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="471" />
            <source>Conversation actions</source>
            <translation>对话操作</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="472" />
            <source>Rename…</source>
            <translation>重命名…</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="474" />
            <source>Pin</source>
            <translation>置顶</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="474" />
            <source>Unpin</source>
            <translation>取消置顶</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="476" />
            <source>Archive</source>
            <translation>归档</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="478" />
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="489" />
            <source>New name:</source>
            <translation>新名称：</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="489" />
            <source>Rename conversation</source>
            <translation>重命名对话</translation>
        </message>
        <message>
            <source>Older</source>
            <translation type="vanished">更早</translation>
        </message>
    </context>
    <context>
        <name>SourcesDialog</name>
        <message>
            <location filename="../app/ui/citations.py" line="58" />
            <location filename="../app/ui/citations.py" line="59" />
            <source>Sources</source>
            <translation>来源</translation>
        </message>
        <message>
            <location filename="../app/ui/citations.py" line="60" />
            <source>The numbered passages the reply was given; arrow keys choose one</source>
            <translation>回复所用的已编号段落；用方向键选择</translation>
        </message>
        <message>
            <location filename="../app/ui/citations.py" line="62" />
            <source>Excerpt</source>
            <translation>摘录</translation>
        </message>
        <message>
            <location filename="../app/ui/citations.py" line="63" />
            <source>The text of the chosen source</source>
            <translation>所选来源的文字</translation>
        </message>
        <message>
            <location filename="../app/ui/citations.py" line="82" />
            <source>No excerpt was kept for this source (replies from earlier versions keep only the file and page). Open the file to read it.</source>
            <translation>此来源没有保存摘录（较早版本的回复只保存文件和页码）。请打开文件阅读。</translation>
        </message>
        <message>
            <source>The excerpt is not kept with the history (only the file and page are). Open the file to read it.</source>
            <translation type="vanished">历史记录中不保存摘录（只保存文件和页码）。请打开文件阅读。</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <location filename="../app/ui/status.py" line="64" />
            <source>Model in use</source>
            <translation>正在使用的模型</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="65" />
            <source>Backend and device</source>
            <translation>后端和设备</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="66" />
            <source>Speed of the last reply</source>
            <translation>上一次回复的速度</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="67" />
            <source>Context used</source>
            <translation>已用上下文</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="68" />
            <source>Model loading progress</source>
            <translation>模型加载进度</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="69" />
            <source>Document library indexing</source>
            <translation>文档库索引</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="70" />
            <source>Library %p%</source>
            <translation>文档库 %p%</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="71" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="72" />
            <source>Cancel loading</source>
            <translation>取消加载</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="81" />
            <source>Model: %1</source>
            <translation>模型：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="81" />
            <location filename="../app/ui/status.py" line="82" />
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="84" />
            <source>%1 on %2</source>
            <translation>%1（%2）</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="85" />
            <source>Backend: %1</source>
            <translation>后端：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="86" />
            <source>%1 tokens/s</source>
            <translation>每秒 %1 个词元</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="91" />
            <source>Context %p%</source>
            <translation>上下文 %p%</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="93" />
            <source>%1 of %2 tokens of context used</source>
            <translation>已使用上下文 %2 个词元中的 %1 个</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="96" />
            <source>The context is nearly full: older messages will be left out. Start a new chat to keep everything in view.</source>
            <translation>上下文即将用尽：较早的消息将被省略。如要保留全部内容，请开始新对话。</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="134" />
            <source>%1 of %2</source>
            <translation>%1／%2</translation>
        </message>
    </context>
    <context>
        <name>TermCheck</name>
        <message>
            <location filename="../app/ui/term_check_view.py" line="37" />
            <location filename="../app/ui/term_check_view.py" line="57" />
            <source>Terminology check</source>
            <translation>术语检查</translation>
        </message>
        <message>
            <location filename="../app/ui/term_check_view.py" line="45" />
            <source>The reply uses every approved term (%1).</source>
            <translation>回复已使用所有核准译名（%1 个）。</translation>
        </message>
        <message>
            <location filename="../app/ui/term_check_view.py" line="49" />
            <source>The reply does not use these approved terms:</source>
            <translation>回复未使用以下核准译名：</translation>
        </message>
    </context>
    <context>
        <name>TranscriptView</name>
        <message>
            <location filename="../app/ui/transcript.py" line="107" />
            <source>Conversation</source>
            <translation>对话</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="109" />
            <source>Copy code</source>
            <translation>复制代码</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="110" />
            <source>Thinking…</source>
            <translation>思考中…</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="111" />
            <source>Thinking (%1 s)</source>
            <translation>思考过程（%1 秒）</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="112" />
            <source>Image not loaded: %1</source>
            <translation>未加载图像：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="116" />
            <source>You</source>
            <translation>你</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="117" />
            <source>Assistant</source>
            <translation>助手</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="119" />
            <source>Stopped. The text so far is kept.</source>
            <translation>已停止。已生成的文字会保留。</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="120" />
            <source>Interrupted: the application closed while this reply was written.</source>
            <translation>已中断：撰写此回复时应用程序已关闭。</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="121" />
            <source>The reply failed: %1</source>
            <translation>回复失败：%1</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <location filename="../app/ui/welcome.py" line="62" />
            <source>Welcome to Bauhinia 紫荊助手</source>
            <translation>欢迎使用紫荆助手 Bauhinia</translation>
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="63" />
            <source>Bauhinia answers, drafts, summarises and translates entirely on this computer: nothing you type leaves it. To start, it needs a language model file (GGUF).</source>
            <translation>紫荆助手完全在本机上回答问题、起草、摘要和翻译：你输入的内容不会离开本机。开始使用前，需要一个语言模型文件（GGUF）。</translation>
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="66" />
            <source>Models approved by your IT department appear in the model list at the top once IT has set up the catalogue. If the list is empty, ask IT which model to use.</source>
            <translation>IT 部门设置好模型目录后，获批准的模型会出现在顶部的模型列表中。如列表为空，请咨询 IT 部门应使用哪个模型。</translation>
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="69" />
            <source>Import a GGUF model file…</source>
            <translation>导入 GGUF 模型文件…</translation>
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="70" />
            <source>Import a GGUF model file</source>
            <translation>导入 GGUF 模型文件</translation>
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="71" />
            <source>Your organisation does not allow importing model files; models come from the IT catalogue.</source>
            <translation>贵单位不允许导入模型文件；模型来自 IT 部门的目录。</translation>
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="73" />
            <location filename="../app/ui/welcome.py" line="74" />
            <source>Try the diagnostic model</source>
            <translation>试用诊断模型</translation>
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="75" />
            <source>The diagnostic model checks this installation: any message gets a report on device, speed, history encryption and keyring.</source>
            <translation>诊断模型用于检查此安装：发送任意消息，它都会回复一份报告，列出设备、速度、历史记录加密和系统密钥环的状态。</translation>
        </message>
        <message>
            <source>The diagnostic model checks that this installation works. Send it any message: it answers with a report of the device the model runs on, its speed, whether your history is encrypted and the keyring. It does not answer questions.</source>
            <translation type="vanished">诊断模型用于检查此安装是否正常。向它发送任意消息，它会回复一份报告：模型在哪个设备上运行、速度、历史记录是否已加密，以及系统密钥环的状态。它不会回答问题。</translation>
        </message>
        <message>
            <source>The diagnostic model only checks that this installation works. Its replies are random text, not answers.</source>
            <translation type="vanished">诊断模型只用于检查此安装是否正常。它的回复只是随机文字，并不是答案。</translation>
        </message>
    </context>
</TS>
