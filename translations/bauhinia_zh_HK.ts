<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_HK" sourcelanguage="en">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../app/ui/dialogs.py" line="112" />
            <location filename="../app/ui/dialogs.py" line="113" />
            <location filename="../app/ui/dialogs.py" line="114" />
            <source>About Bauhinia</source>
            <translation>關於紫荊助手</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="115" />
            <source>Close</source>
            <translation>關閉</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="118" />
            <source>History encryption: %1</source>
            <translation>記錄加密：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="121" />
            <source>Bauhinia 紫荊助手 %1</source>
            <translation>紫荊助手 Bauhinia %1</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="122" />
            <source>Model: %1</source>
            <translation>模型：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="122" />
            <source>none loaded</source>
            <translation>未載入</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="123" />
            <source>Backend: %1</source>
            <translation>後端：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="123" />
            <source>none</source>
            <translation>無</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="124" />
            <source>Bundled components and their licences:</source>
            <translation>隨附元件及其授權條款：</translation>
        </message>
    </context>
    <context>
        <name>ActionBar</name>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="43" />
            <source>Show or hide the model's reasoning</source>
            <translation>顯示或隱藏模型的思考過程</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="43" />
            <source>Thinking</source>
            <translation>思考過程</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="44" />
            <source>Show the passages this reply was given, with their excerpts</source>
            <translation>顯示這個回覆所用的段落及其摘錄</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="44" />
            <source>Sources</source>
            <translation>來源</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="45" />
            <source>Copy</source>
            <translation>複製</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="45" />
            <source>Copy this message</source>
            <translation>複製這則訊息</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="46" />
            <source>Copy code</source>
            <translation>複製程式碼</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="46" />
            <source>Copy the code blocks of this message</source>
            <translation>複製這則訊息中的程式碼</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="47" />
            <source>Regenerate</source>
            <translation>重新生成</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="47" />
            <source>Write a new version of this reply</source>
            <translation>為這個回覆重新生成一個版本</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="48" />
            <source>Edit</source>
            <translation>編輯</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="48" />
            <source>Edit this prompt (keeps the original as another version)</source>
            <translation>編輯這個提問（原文會保留為另一個版本）</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="49" />
            <source>Previous version</source>
            <translation>上一個版本</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="50" />
            <source>Next version</source>
            <translation>下一個版本</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="51" />
            <source>Delete</source>
            <translation>刪除</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript_actions.py" line="51" />
            <source>Delete this message and what follows it</source>
            <translation>刪除這則訊息及其後的內容</translation>
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
            <translation>從訊息移除這個附件（Delete 鍵）</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="26" />
            <source>1 page</source>
            <translation>1 頁</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="26" />
            <source>1 sheet</source>
            <translation>1 個工作表</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="26" />
            <source>1 slide</source>
            <translation>1 張投影片</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="27" />
            <source>%1 pages</source>
            <translation>%1 頁</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="27" />
            <source>%1 sheets</source>
            <translation>%1 個工作表</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="27" />
            <source>%1 slides</source>
            <translation>%1 張投影片</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="30" />
            <source>about %1 tokens</source>
            <translation>約 %1 個 token</translation>
        </message>
    </context>
    <context>
        <name>Attachments</name>
        <message>
            <location filename="../app/ui/attachments.py" line="101" />
            <source>&amp;Attach files…</source>
            <translation>附加檔案(&amp;A)…</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments.py" line="102" />
            <source>Attach documents to this message (%1)</source>
            <translation>把文件附加到這則訊息（%1）</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments.py" line="124" />
            <source>Attach files</source>
            <translation>附加檔案</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments.py" line="125" />
            <source>Documents (%1)</source>
            <translation>文件（%1）</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments.py" line="180" />
            <source>%1 was not attached: %2</source>
            <translation>未能附加 %1：%2</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments.py" line="196" />
            <source>Reading %1…</source>
            <translation>正在讀取 %1…</translation>
        </message>
        <message>
            <location filename="../app/ui/attachments.py" line="198" />
            <source>Reading %1 (%2 more to read)…</source>
            <translation>正在讀取 %1（尚有 %2 個待讀取）…</translation>
        </message>
        <message>
            <location filename="../app/ui/turn_documents.py" line="61" />
            <source>The attached files are still being read; send again when they are ready.</source>
            <translation>附加的檔案仍在讀取中，讀取完成後請再傳送。</translation>
        </message>
        <message>
            <location filename="../app/ui/turn_documents.py" line="102" />
            <source>The documents could not be used: %1</source>
            <translation>無法使用這些文件：%1</translation>
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
            <translation>正在讀取檔案</translation>
        </message>
    </context>
    <context>
        <name>Audit</name>
        <message>
            <location filename="../app/audit/log.py" line="39" />
            <source>The audit log {path} cannot be written ({error}), so the action was stopped. Free some disk space or contact IT support.</source>
            <translation>無法寫入審計記錄 {path}（{error}），因此已停止該操作。請騰出磁碟空間或聯絡資訊科技支援。</translation>
        </message>
        <message>
            <location filename="../app/audit/verify.py" line="34" />
            <source>{file}, line {line}: {why}</source>
            <translation>{file} 第 {line} 行：{why}</translation>
        </message>
        <message>
            <location filename="../app/audit/verify.py" line="45" />
            <source>There is no audit log at {path}.</source>
            <translation>{path} 沒有審計記錄。</translation>
        </message>
        <message>
            <location filename="../app/audit/verify.py" line="52" />
            <source>cannot be read ({error})</source>
            <translation>無法讀取（{error}）</translation>
        </message>
        <message>
            <location filename="../app/audit/verify.py" line="62" />
            <source>not a valid audit record</source>
            <translation>不是有效的審計記錄</translation>
        </message>
        <message>
            <location filename="../app/audit/verify.py" line="64" />
            <source>the line was changed (its own hash does not match)</source>
            <translation>此行曾被修改（本身的雜湊值不符）</translation>
        </message>
        <message>
            <location filename="../app/audit/verify.py" line="66" />
            <source>does not follow the line before it (a line was removed, changed or moved)</source>
            <translation>與上一行接不上（有記錄被刪除、修改或移動）</translation>
        </message>
        <message>
            <location filename="../app/audit/verify.py" line="69" />
            <source>record number {found} where {expected} was expected</source>
            <translation>記錄編號為 {found}，應為 {expected}</translation>
        </message>
    </context>
    <context>
        <name>AuditCli</name>
        <message>
            <location filename="../app/cli/audit_cmds.py" line="17" />
            <source>the audit log</source>
            <translation>審計記錄</translation>
        </message>
        <message>
            <location filename="../app/cli/audit_cmds.py" line="19" />
            <source>check the audit log's hash chain; exit 0 only if intact</source>
            <translation>檢查審計記錄的雜湊串連；只有完整無缺時才以 0 結束</translation>
        </message>
        <message>
            <location filename="../app/cli/audit_cmds.py" line="21" />
            <source>log folder or file (default: the configured audit log)</source>
            <translation>記錄資料夾或檔案（預設：設定中的審計記錄）</translation>
        </message>
        <message>
            <location filename="../app/cli/audit_cmds.py" line="22" />
            <source>print one JSON object</source>
            <translation>輸出一個 JSON 物件</translation>
        </message>
        <message>
            <location filename="../app/cli/audit_cmds.py" line="34" />
            <source>Audit log intact: {records} record(s) in {files} file(s).</source>
            <translation>審計記錄完整：{files} 個檔案共 {records} 項記錄。</translation>
        </message>
    </context>
    <context>
        <name>CLI</name>
        <message>
            <location filename="../app/cli/ask.py" line="42" />
            <source>%1 is not allowed: '%2' is set by your organisation's policy (%3).</source>
            <translation>不允許使用 %1：「%2」由貴機構的管理政策設定（%3）。</translation>
        </message>
        <message>
            <location filename="../app/cli/ask.py" line="53" />
            <source>Cannot read the prompt from standard input: %1</source>
            <translation>無法從標準輸入讀取提示：%1</translation>
        </message>
        <message>
            <location filename="../app/cli/ask.py" line="55" />
            <source>The prompt read from standard input is empty.</source>
            <translation>從標準輸入讀取的提示是空的。</translation>
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
                <numerusform>注意：為配合上下文長度，已略去較早的 %n 則訊息。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../app/cli/ask.py" line="136" />
            <source>--summarise needs at least one --attach FILE.</source>
            <translation>--summarise 須配合至少一個 --attach 檔案。</translation>
        </message>
        <message>
            <location filename="../app/cli/ask.py" line="138" />
            <source>--summarise works on the attached files; it cannot be combined with --library.</source>
            <translation>--summarise 只處理附加的檔案，不能與 --library 一併使用。</translation>
        </message>
        <message>
            <location filename="../app/cli/ask.py" line="252" />
            <source>The reply could not be saved: %1</source>
            <translation>無法儲存回覆：%1</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="100" />
            <source>All checks passed.</source>
            <translation>所有檢查均已通過。</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="100" />
            <source>Some checks FAILED.</source>
            <translation>部分檢查不合格。</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="105" />
            <source>Measuring: %1</source>
            <translation>正在量度：%1</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="119" />
            <source>Preparing the benchmark model (built once, about 460 MiB; checked at every start)…</source>
            <translation>正在準備基準測試模型（只建立一次，約 460 MiB；每次啟動都會檢查）…</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="128" />
            <location filename="../app/cli/engine_cmds.py" line="195" />
            <source>bench measures local models only.</source>
            <translation>bench 只量度本機模型。</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="151" />
            <source>prompt lookup: random weights</source>
            <translation>提示查找：隨機權重模型</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="203" />
            <source>copy (memo rewrite)</source>
            <translation>複製（改寫備忘）</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="203" />
            <source>no copy</source>
            <translation>不複製</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="204" />
            <source>random weights</source>
            <translation>隨機權重</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="205" />
            <source>drafted</source>
            <translation>草擬</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="205" />
            <source>plain</source>
            <translation>一般</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="205" />
            <source>speed-up</source>
            <translation>加速</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="205" />
            <source>task</source>
            <translation>工作</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="206" />
            <source>drafts accepted</source>
            <translation>接納的草擬記號</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="212" />
            <source>Prompt-lookup decoding: decode tokens/s (median of %1 runs each)</source>
            <translation>提示查找解碼：解碼速度（記號/秒，各取 %1 次的中位數）</translation>
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
            <translation>自動調整</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="225" />
            <source>adaptive/best</source>
            <translation>自動調整/最佳</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="225" />
            <source>settled at token</source>
            <translation>穩定於第幾個記號</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="226" />
            <source>threads at the end</source>
            <translation>最後的執行緒數</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="227" />
            <source>next reply</source>
            <translation>下一個回覆</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="227" />
            <source>next/best</source>
            <translation>下一個/最佳</translation>
        </message>
        <message>
            <location filename="../app/cli/engine_cmds.py" line="234" />
            <source>Decode tokens/s under load, fixed thread counts and adaptive (%1 tokens per reply, median of %2 replies per cell)</source>
            <translation>負載下的解碼速度：固定執行緒數與自動調整（記號/秒，每則回覆 %1 個記號，每格取 %2 則回覆的中位數）</translation>
        </message>
        <message>
            <location filename="../app/cli/main.py" line="72" />
            <source>there is no desktop session here (no DISPLAY or WAYLAND_DISPLAY), so the window cannot open. Without one, try: bauhinia selftest, bauhinia doctor, bauhinia ask "…"</source>
            <translation>這裏沒有桌面工作階段（未設定 DISPLAY 或 WAYLAND_DISPLAY），因此無法開啟視窗。沒有桌面時可以用：bauhinia selftest、bauhinia doctor、bauhinia ask "…"</translation>
        </message>
        <message>
            <location filename="../app/cli/status_line.py" line="28" />
            <source>about %1 s left</source>
            <translation>尚餘約 %1 秒</translation>
        </message>
        <message>
            <location filename="../app/cli/status_line.py" line="29" />
            <source>about %1 min %2 s left</source>
            <translation>尚餘約 %1 分 %2 秒</translation>
        </message>
        <message>
            <location filename="../app/cli/status_line.py" line="35" />
            <source>Reading the prompt: %1%</source>
            <translation>正在讀取提示：%1%</translation>
        </message>
        <message>
            <location filename="../app/cli/status_line.py" line="46" />
            <source>Summarising section %1 of %2…</source>
            <translation>正在撮要第 %1 節（共 %2 節）…</translation>
        </message>
        <message>
            <location filename="../app/cli/status_line.py" line="48" />
            <source>Combining the summaries: %1 of %2…</source>
            <translation>正在合併摘要：第 %1 組（共 %2 組）…</translation>
        </message>
        <message>
            <source>%1 threads</source>
            <translation type="vanished">%1 個執行緒</translation>
        </message>
        <message>
            <source>Building the benchmark model (about 460 MiB, once)…</source>
            <translation type="vanished">正在建立基準測試模型（約 460 MiB，只需一次）…</translation>
        </message>
        <message>
            <source>Decode tokens/s under load (%1 tokens per cell)</source>
            <translation type="vanished">負載下的解碼速度（記號/秒，每格 %1 個記號）</translation>
        </message>
        <message>
            <source>Decode tokens/s under load (%1 tokens per reply, median of %2 replies per cell)</source>
            <translation type="vanished">負載下的解碼速度（記號/秒，每則回覆 %1 個記號，每格取 %2 則回覆的中位數）</translation>
        </message>
        <message>
            <source>ends at</source>
            <translation type="vanished">最終採用</translation>
        </message>
    </context>
    <context>
        <name>Chat</name>
        <message>
            <location filename="../app/chat/glossary.py" line="29" />
            <source>The terminology glossary was not used for this reply: %1</source>
            <translation>此回覆未有使用術語詞彙表：%1</translation>
        </message>
        <message>
            <location filename="../app/chat/glossary.py" line="38" />
            <source>Terminology check: the reply does not use these approved terms: %1</source>
            <translation>術語檢查：回覆未有使用以下核准用詞：%1</translation>
        </message>
        <message>
            <location filename="../app/chat/turn.py" line="220" />
            <source>The files attached to this question are not kept with the history, so its reply cannot be regenerated with them. Send the question again with the files attached.</source>
            <translation>這個問題的附加檔案沒有隨記錄保存，所以無法連同檔案重新生成回覆。請附加檔案後再次發送問題。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="299" />
            <source>No model is loaded. Choose a model first.</source>
            <translation>尚未載入模型，請先選擇模型。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="302" />
            <source>The history is not open.</source>
            <translation>對話記錄尚未開啟。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="360" />
            <source>The summary was stopped; nothing was saved. Your message and files are kept.</source>
            <translation>摘要已停止，沒有儲存任何內容。你的訊息和檔案都保留着。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="361" />
            <source>The summary failed: %1</source>
            <translation>摘要失敗：%1</translation>
        </message>
    </context>
    <context>
        <name>ChatErrors</name>
        <message>
            <location filename="../app/chat/errors.py" line="24" />
            <source>The model's chat template could not be used. Ask IT for a corrected model file.</source>
            <translation>無法使用模型的對話範本。請向 IT 索取已修正的模型檔案。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="25" />
            <source>The message is too long for this model's context. Shorten it or start a new conversation.</source>
            <translation>訊息太長，超出這個模型的上下文長度。請縮短訊息或開始新對話。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="27" />
            <source>The model file cannot be used. Choose another file or ask IT for a verified copy.</source>
            <translation>無法使用這個模型檔案。請選擇另一個檔案，或向 IT 索取已核實的版本。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="29" />
            <source>No allowed compute device can run this model. Check Settings → Compute device, or ask IT.</source>
            <translation>沒有獲准使用的運算裝置可以執行這個模型。請檢查「設定 → 運算裝置」，或聯絡 IT。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="31" />
            <source>The model could not be loaded. Close other programs to free memory, or choose a smaller model.</source>
            <translation>無法載入模型。請關閉其他程式以釋放記憶體，或選擇較小的模型。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="33" />
            <source>The model stopped with an internal error. Try again, or reload the model.</source>
            <translation>模型因內部錯誤而停止。請再試一次，或重新載入模型。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="34" />
            <source>The server refused the access token. Check the endpoint's token in Settings.</source>
            <translation>伺服器拒絕了存取權杖。請在設定中檢查這個端點的權杖。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="35" />
            <source>The server could not be reached. Check the network connection or ask IT.</source>
            <translation>無法連線到伺服器。請檢查網絡連線或聯絡 IT。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="36" />
            <source>The server took too long to answer. Try again later.</source>
            <translation>伺服器回應逾時。請稍後再試。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="37" />
            <source>The server's certificate could not be verified. Ask IT.</source>
            <translation>無法核實伺服器的證書。請聯絡 IT。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="38" />
            <source>The server does not offer this model. Choose another model.</source>
            <translation>伺服器沒有提供這個模型。請選擇另一個模型。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="39" />
            <source>The server is busy. Try again in a moment.</source>
            <translation>伺服器繁忙。請稍後再試。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="40" />
            <source>The server failed while answering. Try again later.</source>
            <translation>伺服器回應時出錯。請稍後再試。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="41" />
            <source>The server sent an answer that could not be read.</source>
            <translation>伺服器傳回的回應無法讀取。</translation>
        </message>
        <message>
            <location filename="../app/chat/errors.py" line="42" />
            <source>The server refused the request.</source>
            <translation>伺服器拒絕了這個請求。</translation>
        </message>
        <message>
            <source>The server is not configured correctly. Ask IT.</source>
            <translation type="vanished">伺服器設定不正確。請聯絡 IT。</translation>
        </message>
        <message>
            <source>Your organisation's policy does not allow this server.</source>
            <translation type="vanished">貴機構的管理政策不允許使用這個伺服器。</translation>
        </message>
    </context>
    <context>
        <name>Citations</name>
        <message>
            <location filename="../app/ui/citation_html.py" line="35" />
            <source>p. %1</source>
            <translation>第 %1 頁</translation>
        </message>
        <message>
            <location filename="../app/ui/citation_html.py" line="35" />
            <source>sheet %1</source>
            <translation>工作表 %1</translation>
        </message>
        <message>
            <location filename="../app/ui/citation_html.py" line="35" />
            <source>slide %1</source>
            <translation>投影片 %1</translation>
        </message>
        <message>
            <location filename="../app/ui/citation_html.py" line="50" />
            <source>Sources</source>
            <translation>來源</translation>
        </message>
    </context>
    <context>
        <name>Composer</name>
        <message>
            <location filename="../app/ui/composer.py" line="133" />
            <source>Type a message. Enter sends, Shift+Enter starts a new line.</source>
            <translation>輸入訊息。Enter 傳送，Shift+Enter 換行。</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="134" />
            <source>Message</source>
            <translation>訊息</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="135" />
            <source>Enter sends, Shift+Enter starts a new line, Esc stops</source>
            <translation>Enter 傳送，Shift+Enter 換行，Esc 停止</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="137" />
            <location filename="../app/ui/composer.py" line="138" />
            <source>Attach files</source>
            <translation>附加檔案</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="139" />
            <source>Attach documents to this message</source>
            <translation>為這則訊息附加文件</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="141" />
            <location filename="../app/ui/composer.py" line="142" />
            <source>Send</source>
            <translation>傳送</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="143" />
            <source>Send (Enter or Ctrl+Enter)</source>
            <translation>傳送（Enter 或 Ctrl+Enter）</translation>
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
            <translation>停止回覆（Esc）</translation>
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
            <translation>讓模型在回答前逐步推理（較慢）</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="153" />
            <source>Editing a message: sending keeps the original as another version.</source>
            <translation>正在編輯訊息：傳送後，原文會保留為另一個版本。</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="154" />
            <source>Editing a message</source>
            <translation>正在編輯訊息</translation>
        </message>
        <message>
            <location filename="../app/ui/composer.py" line="155" />
            <location filename="../app/ui/composer.py" line="156" />
            <source>Cancel editing</source>
            <translation>取消編輯</translation>
        </message>
        <message>
            <source>Send (Enter)</source>
            <translation type="vanished">傳送（Enter）</translation>
        </message>
    </context>
    <context>
        <name>ConversationModel</name>
        <message>
            <location filename="../app/ui/sidebar.py" line="125" />
            <source>%1
Last changed: %2</source>
            <translation>%1
最後更改：%2</translation>
        </message>
    </context>
    <context>
        <name>Devices</name>
        <message>
            <location filename="../app/device_fallback_text.py" line="17" />
            <source>%1 could not be initialised (%2); the model runs on the CPU instead.</source>
            <translation>%1 無法啟動（%2）；模型改為在 CPU 上運行。</translation>
        </message>
        <message>
            <location filename="../app/device_fallback_text.py" line="19" />
            <source>%1 ran out of memory loading the model (%2); the model runs on the CPU instead.</source>
            <translation>%1 載入模型時記憶體不足（%2）；模型改為在 CPU 上運行。</translation>
        </message>
        <message>
            <location filename="../app/device_fallback_text.py" line="21" />
            <source>%1 could not load the model (%2); the model runs on the CPU instead.</source>
            <translation>%1 無法載入模型（%2）；模型改為在 CPU 上運行。</translation>
        </message>
    </context>
    <context>
        <name>DiagnosticReport</name>
        <message>
            <location filename="../app/diagnostic_report.py" line="37" />
            <source>Checking the installation.</source>
            <translation>正在檢查安裝。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="38" />
            <source>The diagnostic model works. It checked:</source>
            <translation>診斷模型運作正常。檢查結果：</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="86" />
            <source>History: encrypted (SQLCipher).</source>
            <translation>對話記錄：已加密（SQLCipher）。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="88" />
            <source>History: NOT encrypted. Ask IT to turn on history encryption.</source>
            <translation>對話記錄：未加密。請要求 IT 開啟記錄加密。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="90" />
            <source>History: turned off, nothing is saved.</source>
            <translation>對話記錄：已關閉，不會儲存任何內容。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="91" />
            <source>History: no history database has been written yet.</source>
            <translation>對話記錄：尚未建立記錄資料庫。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="97" />
            <source>Model: loaded on %1 (%2), %3 layers on the device.</source>
            <translation>模型：已載入到 %1（%2），%3 層在此裝置上。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="100" />
            <source>Model: loaded on %1 (%2), %3 CPU threads.</source>
            <translation>模型：已載入到 %1（%2），使用 %3 個 CPU 執行緒。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="104" />
            <source>Speed: %1 tokens/s while writing this reply.</source>
            <translation>速度：撰寫這個回覆時每秒 %1 個記號。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="107" />
            <source>Speed: not measured (the reply was too short).</source>
            <translation>速度：未能量度（回覆太短）。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="109" />
            <source>Keyring: available (%1).</source>
            <translation>系統密碼庫：可用（%1）。</translation>
        </message>
        <message>
            <location filename="../app/diagnostic_report.py" line="111" />
            <source>Keyring: not available (%1). Without it the history key cannot be kept safely.</source>
            <translation>系統密碼庫：不可用（%1）。沒有它，記錄的密鑰無法安全保存。</translation>
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <location filename="../app/ui/dialogs.py" line="52" />
            <source>Link not opened</source>
            <translation>未開啟連結</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="53" />
            <source>This link was not opened because its kind is not allowed:
%1</source>
            <translation>這類連結不獲准許，因此沒有開啟：
%1</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="61" />
            <source>Open link?</source>
            <translation>開啟連結？</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="62" />
            <source>Open this address in your browser?

%1</source>
            <translation>要在瀏覽器開啟這個網址嗎？

%1</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="72" />
            <source>History passphrase</source>
            <translation>對話記錄密碼短語</translation>
        </message>
        <message>
            <location filename="../app/ui/dialogs.py" line="73" />
            <source>No system keyring is available. Enter the passphrase that protects your conversation history:</source>
            <translation>沒有可用的系統密碼庫。請輸入保護對話記錄的密碼短語：</translation>
        </message>
    </context>
    <context>
        <name>DocsCli</name>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="31" />
            <source>the document library</source>
            <translation>文件庫</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="33" />
            <source>add files or folders to the library and index them</source>
            <translation>把檔案或資料夾加入文件庫並編入索引</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="37" />
            <source>list the library's documents</source>
            <translation>列出文件庫內的文件</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="40" />
            <source>search the library (English and Chinese)</source>
            <translation>搜尋文件庫（英文及中文）</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="45" />
            <source>remove files or folders from the library</source>
            <translation>從文件庫移除檔案或資料夾</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="49" />
            <source>pick up changed, added and removed files</source>
            <translation>更新已更改、新增及已移除的檔案</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="59" />
            <source>Documents are turned off by your organisation's policy.</source>
            <translation>你的機構的管理政策已關閉文件功能。</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="70" />
            <source>Your organisation's policy does not allow adding or removing library files; only the shared library folders are indexed.</source>
            <translation>你的機構的管理政策不容許加入或移除文件庫檔案；只會為共用文件庫資料夾編入索引。</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="87" />
            <source>[%1/%2] %3 pages, %4 pages/s, about %5 s left</source>
            <translation>[%1/%2] %3 頁，每秒 %4 頁，尚餘約 %5 秒</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="93" />
            <source>Computing passage vectors: %1 of %2 passages</source>
            <translation>正在計算段落向量：%2 段中的第 %1 段</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="121" />
            <source>Read %1 files (%2 pages), %3 unchanged, %4 removed, %5 could not be read.</source>
            <translation>已讀取 %1 個檔案（%2 頁），%3 個未有更改，%4 個已移除，%5 個無法讀取。</translation>
        </message>
        <message>
            <location filename="../app/cli/docs_cmds.py" line="147" />
            <source>Removed %1 documents from the library.</source>
            <translation>已從文件庫移除 %1 份文件。</translation>
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
            <translation>後端</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="155" />
            <source>Devices:</source>
            <translation>裝置：</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="159" />
            <source>%1 of %2 GiB free</source>
            <translation>%2 GiB 中尚餘 %1 GiB</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="161" />
            <source>ALLOWED</source>
            <translation>已允許</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="161" />
            <source>REFUSED</source>
            <translation>已拒絕</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="168" />
            <source>%1: installed but not loaded (%2)</source>
            <translation>%1：已安裝但未能載入（%2）</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="171" />
            <source>Would use: %1</source>
            <translation>將使用：%1</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="174" />
            <source>Keyring</source>
            <translation>系統密碼庫</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="175" />
            <source>Database</source>
            <translation>資料庫</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="176" />
            <source>Encrypted</source>
            <translation>已加密</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="179" />
            <source>Remote endpoints:</source>
            <translation>遠端伺服器：</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="185" />
            <source>reachable in %1 ms</source>
            <translation>可連線（%1 毫秒）</translation>
        </message>
        <message>
            <location filename="../app/cli/doctor.py" line="187" />
            <source>not reachable: %1</source>
            <translation>無法連線：%1</translation>
        </message>
        <message>
            <location filename="../app/device_status.py" line="55" />
            <source>no allow-list is set (%1 is empty)</source>
            <translation>未設定允許清單（%1 為空）</translation>
        </message>
        <message>
            <location filename="../app/device_status.py" line="57" />
            <source>listed in %1 (%2)</source>
            <translation>已列於 %1（%2）</translation>
        </message>
        <message>
            <location filename="../app/device_status.py" line="59" />
            <source>not in %1 (allowed: %2)</source>
            <translation>不在 %1 之內（允許：%2）</translation>
        </message>
    </context>
    <context>
        <name>Documents</name>
        <message>
            <location filename="../app/documents/embeddings.py" line="136" />
            <source>'%1' is not an embedding model in the model catalogue.</source>
            <translation>「%1」不是模型目錄中的嵌入模型。</translation>
        </message>
        <message>
            <location filename="../app/documents/embeddings.py" line="141" />
            <source>The embedding model '%1' could not be loaded: %2</source>
            <translation>無法載入嵌入模型「%1」：%2</translation>
        </message>
        <message>
            <location filename="../app/documents/embeddings.py" line="149" />
            <source>%1 The library is searched by keywords only.</source>
            <translation>%1 文件庫只會以關鍵字搜尋。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="27" />
            <source>The file no longer exists.</source>
            <translation>檔案已不存在。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="28" />
            <source>The file could not be read. Check that you are allowed to open it.</source>
            <translation>無法讀取檔案。請檢查你是否有權開啟它。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="29" />
            <source>The file is empty.</source>
            <translation>檔案是空的。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="30" />
            <source>The file is larger than the %1 MB limit for documents.</source>
            <translation>檔案超過文件的 %1 MB 大小上限。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="31" />
            <source>This kind of file is not supported. Use DOCX, PDF, XLSX, CSV, PPTX, HTML, TXT or MD.</source>
            <translation>不支援此類檔案。請使用 DOCX、PDF、XLSX、CSV、PPTX、HTML、TXT 或 MD。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="33" />
            <source>The file would expand to far more data than it holds (a possible zip bomb), so it was not opened.</source>
            <translation>檔案解壓後的資料量遠超其本身大小（可能是壓縮炸彈），因此沒有開啟。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="35" />
            <source>The file contains XML entity declarations, which documents never need (a possible attack), so it was not opened.</source>
            <translation>檔案含有文件從不需要的 XML 實體宣告（可能是攻擊），因此沒有開啟。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="37" />
            <source>The file is damaged or is not the kind of file its name says.</source>
            <translation>檔案已損壞，或與其名稱所示的檔案類型不符。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="38" />
            <source>The PDF is protected by a password. Save an unprotected copy and try again.</source>
            <translation>此 PDF 受密碼保護。請另存一份未受保護的副本後再試。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="39" />
            <source>The PDF has no text layer (it is probably scanned); OCR is not supported.</source>
            <translation>此 PDF 沒有文字層（可能是掃描本）；不支援 OCR 文字辨識。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="40" />
            <source>The file is not text in a known encoding (UTF-8, UTF-16, Big5-HKSCS or GB18030).</source>
            <translation>檔案不是已知編碼（UTF-8、UTF-16、Big5-HKSCS 或 GB18030）的文字。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="41" />
            <source>Reading the file took too long, so it was stopped.</source>
            <translation>讀取檔案用時過長，已停止。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="42" />
            <source>Reading the file needed too much memory, so it was stopped.</source>
            <translation>讀取檔案需要太多記憶體，已停止。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="43" />
            <source>The document reader stopped unexpectedly on this file.</source>
            <translation>文件讀取程式處理此檔案時意外停止。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="49" />
            <source>Some pages have no text layer and were skipped: %1.</source>
            <translation>部分頁面沒有文字層，已略過：%1。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="50" />
            <source>The sheet is too large; only its first %1 rows were read.</source>
            <translation>工作表太大；只讀取了首 %1 行。</translation>
        </message>
        <message>
            <location filename="../app/documents/errors.py" line="51" />
            <source>The document is very long; only its first %1 characters were read.</source>
            <translation>文件很長；只讀取了首 %1 個字元。</translation>
        </message>
        <message>
            <location filename="../app/documents/retrieval.py" line="150" />
            <source>The attached documents are longer than the model's context (about %1 tokens), so only the %2 passages that match the question best were used.</source>
            <translation>附加的文件比模型的上下文長（約 %1 個記號），所以只使用了與問題最相關的 %2 段文字。</translation>
        </message>
        <message>
            <location filename="../app/documents/retrieval.py" line="188" />
            <source>Sources:</source>
            <translation>來源：</translation>
        </message>
        <message>
            <location filename="../app/documents/retrieval_turn.py" line="105" />
            <location filename="../app/ui/attachments.py" line="139" />
            <source>Documents are turned off by your organisation's policy.</source>
            <translation>你的機構的管理政策已關閉文件功能。</translation>
        </message>
        <message>
            <location filename="../app/documents/retrieval_turn.py" line="122" />
            <source>None of the attached files could be read.</source>
            <translation>所有附加的檔案都無法讀取。</translation>
        </message>
        <message>
            <location filename="../app/documents/summarise.py" line="226" />
            <source>The attached documents are longer than the model's context (about %1 tokens), so they were summarised section by section (%2 sections) and the answer was written from those summaries.</source>
            <translation>附加的文件比模型的上下文長（約 %1 個記號），所以已逐節撮要（共 %2 節），並根據這些摘要寫出回答。</translation>
        </message>
    </context>
    <context>
        <name>EndpointsEditor</name>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="139" />
            <source>Remote endpoints</source>
            <translation>遠端伺服器</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="140" />
            <source>Choose a server to edit its details below</source>
            <translation>選擇伺服器，在下方編輯其詳情</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="141" />
            <location filename="../app/ui/settings_endpoints.py" line="142" />
            <source>Add server</source>
            <translation>新增伺服器</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="143" />
            <source>Add an on-premises server</source>
            <translation>新增一部內部伺服器</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="145" />
            <location filename="../app/ui/settings_endpoints.py" line="146" />
            <source>Remove server</source>
            <translation>移除伺服器</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="147" />
            <source>Remove the selected server from the list</source>
            <translation>從清單移除所選的伺服器</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="150" />
            <source>Identifier</source>
            <translation>識別名稱</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="150" />
            <source>Short name used in model references (remote:&lt;id&gt;/&lt;model&gt;): letters, digits, '_', '.' or '-'</source>
            <translation>模型參照所用的簡稱（remote:&lt;id&gt;/&lt;model&gt;）：英文字母、數字、「_」、「.」或「-」</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="152" />
            <source>Display name</source>
            <translation>顯示名稱</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="152" />
            <source>The name shown in the model picker</source>
            <translation>在模型選擇器顯示的名稱</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="153" />
            <source>Address (URL)</source>
            <translation>地址（URL）</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="153" />
            <source>The server's OpenAI-compatible address, for example https://llm.example.gov.hk/v1</source>
            <translation>伺服器與 OpenAI 相容的地址，例如 https://llm.example.gov.hk/v1</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="155" />
            <source>Model names the server offers, separated by commas</source>
            <translation>伺服器提供的模型名稱，以逗號分隔</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="155" />
            <source>Models</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="156" />
            <source>CA bundle</source>
            <translation>CA 憑證組合</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="156" />
            <source>Certificate authorities trusted for this server, set by your administrator</source>
            <translation>此伺服器所信任的憑證機構，由管理員設定</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="158" />
            <source>Proxy</source>
            <translation>代理伺服器</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="158" />
            <source>Proxy used for this server, set by your administrator</source>
            <translation>連接此伺服器所用的代理伺服器，由管理員設定</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="159" />
            <source>Access token</source>
            <translation>存取權杖</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="159" />
            <source>Saved in the system keyring when you press OK, never in the settings file</source>
            <translation>按「確定」時儲存於系統密碼庫，絕不寫入設定檔案</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="169" />
            <source>Connection</source>
            <translation>連線</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="170" />
            <source>Leave empty to keep the saved token</source>
            <translation>留空則保留已儲存的權杖</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="171" />
            <source>Only your administrator may set a CA bundle or a proxy (policy or site defaults).</source>
            <translation>只有管理員可設定 CA 憑證組合或代理伺服器（管理政策或站點預設值）。</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="173" />
            <source>The access token is kept in the system keyring, never in settings files, logs or exports.</source>
            <translation>存取權杖保存在系統密碼庫，絕不寫入設定檔案、記錄檔或匯出檔案。</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="175" />
            <source>No remote servers. Add one to use an on-premises OpenAI-compatible server.</source>
            <translation>沒有遠端伺服器。新增一部即可使用與 OpenAI 相容的內部伺服器。</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="289" />
            <source>Encrypted (HTTPS); the certificate is checked against the system's and the administrator's CA bundle.</source>
            <translation>已加密（HTTPS）；憑證以系統及管理員的 CA 憑證組合核對。</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="291" />
            <source>Encrypted (HTTPS); the certificate is checked against the system's trusted certificates.</source>
            <translation>已加密（HTTPS）；憑證以系統信任的憑證核對。</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_endpoints.py" line="294" />
            <source>Unencrypted (HTTP): allowed for a server on this computer or by your organisation's policy.</source>
            <translation>未加密（HTTP）：只限本機伺服器，或經貴機構的管理政策容許。</translation>
        </message>
    </context>
    <context>
        <name>Export</name>
        <message>
            <location filename="../app/export/docx_writer.py" line="86" />
            <location filename="../app/export/html.py" line="21" />
            <source>System prompt</source>
            <translation>系統提示</translation>
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
            <translation>思考過程</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="111" />
            <source>User</source>
            <translation>用戶</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="112" />
            <source>Assistant</source>
            <translation>助理</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="113" />
            <source>System</source>
            <translation>系統</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="123" />
            <source>Sampling (every reply)</source>
            <translation>取樣設定（所有回覆）</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="125" />
            <location filename="../app/export/records.py" line="152" />
            <location filename="../app/store/transfer.py" line="126" />
            <source>Sampling</source>
            <translation>取樣設定</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="125" />
            <source>differs between replies: shown with each reply</source>
            <translation>各回覆不同：見於每個回覆之下</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="126" />
            <source>Sampling (settings at export; not recorded with the replies)</source>
            <translation>取樣設定（匯出時的設定；回覆未有記錄）</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="127" />
            <location filename="../app/export/records.py" line="163" />
            <source>none</source>
            <translation>無</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="132" />
            <source>p. %1</source>
            <translation>第 %1 頁</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="141" />
            <source>approved terms not used: %1</source>
            <translation>未有使用的核准譯名：%1</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="142" />
            <source>every approved term used (%1)</source>
            <translation>已使用所有核准譯名（%1 個）</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="154" />
            <location filename="../app/store/transfer.py" line="128" />
            <source>Terminology check</source>
            <translation>術語檢查</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="156" />
            <source>Sources</source>
            <translation>資料來源</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="164" />
            <source>unknown</source>
            <translation>不詳</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="166" />
            <source>Conversation id</source>
            <translation>對話編號</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="167" />
            <source>Created</source>
            <translation>建立時間</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="168" />
            <source>Updated</source>
            <translation>更新時間</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="169" />
            <source>Exported</source>
            <translation>匯出時間</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="170" />
            <source>Author</source>
            <translation>作者</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="171" />
            <source>Machine</source>
            <translation>電腦名稱</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="172" />
            <source>App version</source>
            <translation>軟件版本</translation>
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
            <translation>引用來源</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="180" />
            <source>Reasoning</source>
            <translation>思考過程</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="180" />
            <source>included</source>
            <translation>已包括</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="180" />
            <source>not included</source>
            <translation>不包括</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="188" />
            <source>default</source>
            <translation>預設</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="188" />
            <source>random</source>
            <translation>隨機</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="190" />
            <source>off</source>
            <translation>關</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="190" />
            <source>on</source>
            <translation>開</translation>
        </message>
        <message>
            <location filename="../app/export/records.py" line="281" />
            <source>Untitled conversation</source>
            <translation>未命名對話</translation>
        </message>
        <message>
            <source>Sampling (at export)</source>
            <translation type="vanished">取樣設定（匯出時）</translation>
        </message>
    </context>
    <context>
        <name>ExportAction</name>
        <message>
            <location filename="../app/ui/export_action.py" line="68" />
            <source>Exporting conversations is turned off by your organisation's policy.</source>
            <translation>貴機構的管理政策已關閉匯出對話。</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="88" />
            <source>Exported %1 to %2; SHA-256 manifest %3.</source>
            <translation>已匯出 %1 至 %2；SHA-256 清單 %3。</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="91" />
            <source>%1 Written before it stopped: %2.</source>
            <translation>%1 停止前已寫入：%2。</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="92" />
            <source>Nothing was exported: %1</source>
            <translation>沒有匯出任何檔案：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="101" />
            <location filename="../app/ui/export_action.py" line="135" />
            <source>Export conversation</source>
            <translation>匯出對話</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="103" />
            <source>File name, without extension</source>
            <translation>檔案名稱（不含副檔名）</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="104" />
            <source>&amp;Browse…</source>
            <translation>瀏覽(&amp;B)…</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="109" />
            <source>Word document (.docx)</source>
            <translation>Word 文件 (.docx)</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="110" />
            <source>PDF (.pdf)</source>
            <translation>PDF (.pdf)</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="113" />
            <source>Include the model's reasoning</source>
            <translation>包括模型的思考過程</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="114" />
            <source>Off by default: a record normally holds the replies only.</source>
            <translation>預設關閉：記錄通常只包括回覆。</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="116" />
            <source>&amp;Save as:</source>
            <translation>儲存為(&amp;S)：</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="121" />
            <source>Export</source>
            <translation>匯出</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="152" />
            <source>Replace files</source>
            <translation>取代檔案</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="153" />
            <source>Replace %1?</source>
            <translation>要取代 %1 嗎？</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="176" />
            <source>&amp;Export conversation…</source>
            <translation>匯出對話(&amp;E)…</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="179" />
            <source>Save the open conversation as DOCX and PDF with a SHA-256 manifest (%1)</source>
            <translation>將開啟中的對話儲存為 DOCX 及 PDF，並附 SHA-256 清單（%1）</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="196" />
            <source>Open a conversation to export it.</source>
            <translation>請先開啟要匯出的對話。</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="199" />
            <source>An export is already running.</source>
            <translation>已有匯出正在進行。</translation>
        </message>
        <message>
            <location filename="../app/ui/export_action.py" line="215" />
            <source>Exporting the conversation…</source>
            <translation>正在匯出對話…</translation>
        </message>
        <message>
            <location filename="../app/ui/export_worker.py" line="48" />
            <source>Cannot write %1: %2</source>
            <translation>無法寫入 %1：%2</translation>
        </message>
        <message>
            <location filename="../app/ui/export_worker.py" line="53" />
            <source>The export failed: %1</source>
            <translation>匯出失敗：%1</translation>
        </message>
    </context>
    <context>
        <name>Glossary</name>
        <message>
            <location filename="../app/glossary/loader.py" line="34" />
            <source>Glossary {file}, line {line}: {problem}</source>
            <translation>詞彙表 {file} 第 {line} 行：{problem}</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="35" />
            <source>Glossary {file}: {problem}</source>
            <translation>詞彙表 {file}：{problem}</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="44" />
            <location filename="../app/glossary/loader.py" line="132" />
            <source>cannot be read ({error})</source>
            <translation>無法讀取（{error}）</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="46" />
            <source>larger than {size} MB</source>
            <translation>大於 {size} MB</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="56" />
            <source>not UTF-8 text; save the file as UTF-8 (CSV UTF-8)</source>
            <translation>不是 UTF-8 文字；請把檔案另存為 UTF-8（CSV UTF-8）</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="58" />
            <source>contains a NUL character</source>
            <translation>含有 NUL 字元</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="76" />
            <source>the column '{name}' appears twice</source>
            <translation>欄位「{name}」出現了兩次</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="80" />
            <source>the header needs the columns en, zh_HK and zh_CN (missing: {names})</source>
            <translation>標題行須有 en、zh_HK 及 zh_CN 欄位（欠缺：{names}）</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="89" />
            <source>the first line must be the header (en, zh_HK, zh_CN, note)</source>
            <translation>第一行必須是標題行（en、zh_HK、zh_CN、note）</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="101" />
            <source>more than {count} entries</source>
            <translation>超過 {count} 個詞條</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="103" />
            <source>malformed CSV ({error})</source>
            <translation>CSV 格式有誤（{error}）</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="112" />
            <source>the {column} cell is longer than {count} characters</source>
            <translation>{column} 欄的內容超過 {count} 個字元</translation>
        </message>
        <message>
            <location filename="../app/glossary/loader.py" line="116" />
            <source>a term needs at least two of en, zh_HK and zh_CN</source>
            <translation>每個詞條須至少填寫 en、zh_HK、zh_CN 其中兩項</translation>
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
            <translation>術語詞彙表</translation>
        </message>
        <message>
            <location filename="../app/cli/glossary_cmds.py" line="20" />
            <source>read a glossary and report its first problem</source>
            <translation>讀取詞彙表並報告第一個問題</translation>
        </message>
        <message>
            <location filename="../app/cli/glossary_cmds.py" line="21" />
            <location filename="../app/cli/glossary_cmds.py" line="28" />
            <source>file or folder (default: the configured glossary)</source>
            <translation>檔案或資料夾（預設：設定中的詞彙表）</translation>
        </message>
        <message>
            <location filename="../app/cli/glossary_cmds.py" line="24" />
            <source>list the glossary terms found in a text</source>
            <translation>列出文字中出現的詞彙表詞語</translation>
        </message>
        <message>
            <location filename="../app/cli/glossary_cmds.py" line="26" />
            <source>language of the text (default: any)</source>
            <translation>文字的語言（預設：任何）</translation>
        </message>
        <message>
            <location filename="../app/cli/glossary_cmds.py" line="27" />
            <source>target language</source>
            <translation>目標語言</translation>
        </message>
        <message>
            <location filename="../app/cli/glossary_cmds.py" line="39" />
            <source>No glossary is configured (setting glossary.path).</source>
            <translation>未設定詞彙表（設定 glossary.path）。</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/cli/glossary_cmds.py" line="51" />
            <source>Glossary OK: %n entries.</source>
            <translation>
                <numerusform>詞彙表無誤：共 %n 個詞條。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>History</name>
        <message>
            <source>History passphrase: </source>
            <translation type="vanished">對話記錄密碼短語：</translation>
        </message>
    </context>
    <context>
        <name>HistoryCli</name>
        <message>
            <location filename="../app/cli/export_records.py" line="24" />
            <source>DOCX and PDF exports take one conversation id.</source>
            <translation>DOCX 及 PDF 匯出只接受一個對話編號。</translation>
        </message>
        <message>
            <location filename="../app/cli/export_records.py" line="37" />
            <location filename="../app/cli/history_cmds.py" line="239" />
            <source>Cannot write {path}: {error}</source>
            <translation>無法寫入 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../app/cli/export_records.py" line="39" />
            <source>Exported {path} (SHA-256 {sha}); manifest {manifest}</source>
            <translation>已匯出 {path}（SHA-256 {sha}）；雜湊清單 {manifest}</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="22" />
            <source>saved conversations</source>
            <translation>已儲存的對話</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="25" />
            <source>list conversations, newest first</source>
            <translation>列出對話，最新的在前</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="27" />
            <source>list archived conversations</source>
            <translation>列出已封存的對話</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="31" />
            <source>print one conversation</source>
            <translation>顯示一個對話</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="36" />
            <source>full-text search (English and Chinese)</source>
            <translation>全文搜尋（英文及中文）</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="39" />
            <source>do not match Simplified and Traditional</source>
            <translation>不把簡體和繁體視為相同</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="43" />
            <source>export a conversation as Markdown, JSON, DOCX or PDF</source>
            <translation>將對話匯出為 Markdown、JSON、DOCX 或 PDF</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="44" />
            <source>conversation id, or 'all' (JSON only)</source>
            <translation>對話編號，或「all」（只限 JSON）</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="46" />
            <source>write to this file instead of stdout</source>
            <translation>寫入這個檔案，而不是標準輸出</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="48" />
            <source>include the model's reasoning (DOCX and PDF; off by default)</source>
            <translation>包括模型的思考過程（DOCX 及 PDF；預設不包括）</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="51" />
            <source>import a JSON export</source>
            <translation>匯入 JSON 匯出檔</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="56" />
            <source>delete conversations older than N days</source>
            <translation>刪除超過 N 日的對話</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="61" />
            <source>replace a damaged database by its latest backup</source>
            <translation>以最新的備份取代已損壞的資料庫</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="89" />
            <source>History is turned off by policy.</source>
            <translation>管理政策已關閉對話記錄。</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="102" />
            <source>warning</source>
            <translation>警告</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="147" />
            <source>No conversations.</source>
            <translation>沒有對話。</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="151" />
            <source>(untitled)</source>
            <translation>（未命名）</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="167" />
            <source>title</source>
            <translation>標題</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="168" />
            <source>model</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="169" />
            <source>updated</source>
            <translation>更新時間</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="177" />
            <source>thinking</source>
            <translation>思考過程</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="180" />
            <source>attached</source>
            <translation>附件</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="200" />
            <source>No matches.</source>
            <translation>找不到相符的結果。</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="227" />
            <source>Markdown export takes one conversation id; use --format json for all.</source>
            <translation>Markdown 匯出只接受一個對話編號；要匯出全部，請用 --format json。</translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="254" />
            <source>Cannot read {path}: {error}</source>
            <translation>無法讀取 {path}：{error}</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/cli/history_cmds.py" line="266" />
            <source>Imported %n conversation(s).</source>
            <translation>
                <numerusform>已匯入 %n 個對話。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="274" />
            <source>--older-than must be zero or more days.</source>
            <translation>--older-than 必須是零或以上的日數。</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/cli/history_cmds.py" line="284" />
            <source>Deleted %n conversation(s).</source>
            <translation>
                <numerusform>已刪除 %n 個對話。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../app/cli/history_cmds.py" line="298" />
            <source>Restored {backup}; the previous file is kept as {kept}.</source>
            <translation>已還原 {backup}；原有檔案保留為 {kept}。</translation>
        </message>
        <message>
            <source>export a conversation as Markdown or JSON</source>
            <translation type="vanished">把對話匯出為 Markdown 或 JSON</translation>
        </message>
    </context>
    <context>
        <name>HistoryStore</name>
        <message>
            <location filename="../app/store/database.py" line="115" />
            <source>The disk is full, so history cannot be saved. Free some space; everything saved before this point is intact.</source>
            <translation>磁碟已滿，無法儲存對話記錄。請騰出空間；之前已儲存的內容完好無缺。</translation>
        </message>
        <message>
            <location filename="../app/store/database.py" line="123" />
            <source>The history database cannot be written ({error}). Check that the data folder is writable; existing history is unchanged.</source>
            <translation>無法寫入對話記錄資料庫（{error}）。請檢查資料夾是否可寫入；現有的對話記錄沒有改動。</translation>
        </message>
        <message>
            <location filename="../app/store/database.py" line="131" />
            <source>The history database could not be decrypted with the stored key. It may belong to another account or the key was replaced. The file was left unchanged.</source>
            <translation>無法以已存的密鑰解密對話記錄資料庫。它可能屬於另一個帳戶，或密鑰已被更換。檔案沒有改動。</translation>
        </message>
        <message>
            <location filename="../app/store/database.py" line="139" />
            <source> The latest backup is {path}; restore it with 'bauhinia history restore'.</source>
            <translation>最新的備份是 {path}；可用「bauhinia history restore」還原。</translation>
        </message>
        <message>
            <location filename="../app/store/database.py" line="143" />
            <source> No backup exists; move the file aside to start a new history.</source>
            <translation>沒有備份；請把檔案移走，以建立新的對話記錄。</translation>
        </message>
        <message>
            <location filename="../app/store/database.py" line="146" />
            <source>The history database is damaged ({error}).</source>
            <translation>對話記錄資料庫已損壞（{error}）。</translation>
        </message>
        <message>
            <location filename="../app/store/database.py" line="150" />
            <source>Another Bauhinia window is busy with the history; try again.</source>
            <translation>另一個紫荊助手視窗正在使用對話記錄，請再試一次。</translation>
        </message>
        <message>
            <location filename="../app/store/database.py" line="151" />
            <source>History database error: {error}</source>
            <translation>對話記錄資料庫錯誤：{error}</translation>
        </message>
        <message>
            <location filename="../app/store/keys.py" line="54" />
            <source>The system keyring could not be read: {error}</source>
            <translation>無法讀取系統密碼庫：{error}</translation>
        </message>
        <message>
            <location filename="../app/store/keys.py" line="64" />
            <source>The history key in the system keyring is malformed; it cannot open the history.</source>
            <translation>系統密碼庫中的對話記錄密鑰格式有誤，無法開啟對話記錄。</translation>
        </message>
        <message>
            <location filename="../app/store/keys.py" line="76" />
            <source>The history key could not be saved in the system keyring: {error}</source>
            <translation>無法把對話記錄密鑰儲存到系統密碼庫：{error}</translation>
        </message>
        <message>
            <location filename="../app/store/message_documents.py" line="69" />
            <source>'document_context' must be an object with exactly block, sources, attachments and notice</source>
            <translation>'document_context'（文件內容）必須是只含 block、sources、attachments 及 notice 的物件</translation>
        </message>
        <message>
            <location filename="../app/store/message_documents.py" line="72" />
            <source>'document_context' sources must each have exactly file, page and text</source>
            <translation>'document_context'（文件內容）的每個 sources 項目必須只有 file、page 及 text</translation>
        </message>
        <message>
            <location filename="../app/store/message_documents.py" line="74" />
            <source>'document_context' attachments must each have exactly name, sha256 (64 lowercase hex digits), format, pages, tokens and whole</source>
            <translation>'document_context'（文件內容）的每個 attachments 項目必須只有 name、sha256（64 個小寫十六進位數字）、format、pages、tokens 及 whole</translation>
        </message>
        <message>
            <location filename="../app/store/message_documents.py" line="119" />
            <source>only a prompt (role user) can have a 'document_context'</source>
            <translation>只有提問（role user）才可附有 'document_context'（文件內容）</translation>
        </message>
        <message>
            <location filename="../app/store/message_documents.py" line="126" />
            <source>'document_context' is larger than {n} characters</source>
            <translation>'document_context'（文件內容）超過 {n} 個字元</translation>
        </message>
        <message>
            <location filename="../app/store/message_documents.py" line="129" />
            <source>the document contexts in this file are larger than {n} characters in all</source>
            <translation>此檔案的文件內容合共超過 {n} 個字元</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="65" />
            <source>The history database was made by a newer version of Bauhinia (schema {found}; this version knows up to {known}). Update Bauhinia to open it; the file was not changed.</source>
            <translation>對話記錄資料庫由較新版本的紫荊助手建立（結構版本 {found}；本版本最多支援 {known}）。請更新紫荊助手後再開啟；檔案沒有改動。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="75" />
            <source>{path} is a SQLite file but not a Bauhinia history database.</source>
            <translation>{path} 是 SQLite 檔案，但不是紫荊助手的對話記錄資料庫。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="177" />
            <source>The history folder {path} cannot be created: {error}</source>
            <translation>無法建立對話記錄資料夾 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="220" />
            <source>The history database is encrypted, but its key is not in the system keyring ({backend}). Sign in to the account that created it or restore the keyring; to start over, move {path} aside. The file was left unchanged.</source>
            <translation>對話記錄資料庫已加密，但系統密碼庫（{backend}）中沒有它的密鑰。請登入建立它的帳戶或還原密碼庫；如要重新開始，請把 {path} 移走。檔案沒有改動。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="239" />
            <source>History needs a passphrase because no system keyring is available.</source>
            <translation>由於沒有可用的系統密碼庫，對話記錄需要密碼短語。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="243" />
            <source>No system keyring is available: history is being saved WITHOUT encryption.</source>
            <translation>沒有可用的系統密碼庫：對話記錄正以「未加密」方式儲存。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="248" />
            <source>History is off: no system keyring is available to hold the encryption key, and policy does not allow unencrypted history.</source>
            <translation>對話記錄已關閉：沒有可存放加密密鑰的系統密碼庫，而管理政策不容許未加密的對話記錄。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="265" />
            <source>This history database was created without encryption.</source>
            <translation>這個對話記錄資料庫建立時沒有加密。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="279" />
            <source>Your organisation requires encrypted history, but {path} is not encrypted and could not be converted: {reason} The file was left unchanged and history is not being saved; fix the cause and start Bauhinia again to convert it.</source>
            <translation>貴機構規定對話記錄必須加密，但 {path} 沒有加密，亦無法轉換：{reason} 檔案沒有改動，對話記錄現時不會儲存；請解決問題後重新啟動紫荊助手以進行轉換。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="285" />
            <source>no system keyring is available to hold its key (sign in to the desktop session or unlock the keyring), and no passphrase was given.</source>
            <translation>沒有可存放其密鑰的系統密碼庫（請登入桌面工作階段或解鎖密碼庫），亦沒有提供密碼短語。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="294" />
            <source>another Bauhinia window is using it. Close every Bauhinia window.</source>
            <translation>另一個紫荊助手視窗正在使用它。請關閉所有紫荊助手視窗。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="338" />
            <source>Today's backup of your history was skipped because the disk is full.</source>
            <translation>由於磁碟已滿，今日的對話記錄備份已略過。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="363" />
            <source>Policy requires encrypted history.</source>
            <translation>管理政策規定對話記錄必須加密。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="471" />
            <source>Exporting history is turned off by your organisation's policy.</source>
            <translation>貴機構的管理政策已禁止匯出對話記錄。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="547" />
            <source>No conversation {id}.</source>
            <translation>沒有對話 {id}。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="702" />
            <source>No message {id} in this conversation.</source>
            <translation>這個對話中沒有訊息 {id}。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="819" />
            <location filename="../app/store/store.py" line="830" />
            <location filename="../app/store/store.py" line="915" />
            <location filename="../app/store/store.py" line="928" />
            <source>No message {id}.</source>
            <translation>沒有訊息 {id}。</translation>
        </message>
        <message>
            <location filename="../app/store/store.py" line="969" />
            <source>There is no backup of the history database to restore.</source>
            <translation>沒有可還原的對話記錄資料庫備份。</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="139" />
            <source>Untitled conversation</source>
            <translation>未命名對話</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="141" />
            <source>Created</source>
            <translation>建立時間</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="142" />
            <source>Updated</source>
            <translation>更新時間</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="145" />
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="146" />
            <source>Conversation id</source>
            <translation>對話編號</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="149" />
            <source>System prompt</source>
            <translation>系統提示</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="151" />
            <source>User</source>
            <translation>用戶</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="152" />
            <source>Assistant</source>
            <translation>助手</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="153" />
            <source>System</source>
            <translation>系統</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="163" />
            <source>Version {i} of {n}</source>
            <translation>第 {i} 個版本（共 {n} 個）</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="168" />
            <source>Thinking</source>
            <translation>思考過程</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="179" />
            <source>Attached files</source>
            <translation>附加檔案</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="182" />
            <source>Status: {status}</source>
            <translation>狀態：{status}</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="192" />
            <source>{n} other versions are not shown; export as JSON to keep every branch.</source>
            <translation>另有 {n} 個版本沒有顯示；如要保留所有分支，請匯出為 JSON。</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="208" />
            <source>Invalid history file at {where}: {what}. Nothing was imported.</source>
            <translation>對話記錄檔案在 {where} 無效：{what}。沒有匯入任何內容。</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="232" />
            <source>The history file is larger than {mib} MiB and cannot be imported. Nothing was imported.</source>
            <translation>對話記錄檔案大於 {mib} MiB，無法匯入。沒有匯入任何內容。</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="262" />
            <source>The file is not a Bauhinia history export (JSON). Nothing was imported.</source>
            <translation>檔案不是紫荊助手的對話記錄匯出檔（JSON）。沒有匯入任何內容。</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="279" />
            <source>The file is not valid JSON ({error}). Nothing was imported.</source>
            <translation>檔案不是有效的 JSON（{error}）。沒有匯入任何內容。</translation>
        </message>
        <message>
            <location filename="../app/store/transfer.py" line="283" />
            <source>The file is nested too deeply to be a history export. Nothing was imported.</source>
            <translation>檔案的巢狀層次太深，不可能是對話記錄匯出檔。沒有匯入任何內容。</translation>
        </message>
        <message>
            <source>The history file is too large to import.</source>
            <translation type="vanished">對話記錄檔案太大，無法匯入。</translation>
        </message>
    </context>
    <context>
        <name>I18n</name>
        <message>
            <location filename="../app/i18n.py" line="78" />
            <source>pyside6-lrelease is not available to build the translations.</source>
            <translation>沒有 pyside6-lrelease，無法建立翻譯檔。</translation>
        </message>
    </context>
    <context>
        <name>LibraryDialog</name>
        <message>
            <location filename="../app/ui/library_dialog.py" line="112" />
            <source>Document library</source>
            <translation>文件庫</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="113" />
            <source>Conversations with “Use my library” on answer from the files in these folders. Changed, added and removed files are picked up when the window starts and when you re-index.</source>
            <translation>開啟了「使用我的文件庫」的對話，會根據這些資料夾內的檔案作答。視窗啟動時及重新索引時，會找出已更改、新增及移除的檔案。</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="116" />
            <source>Files</source>
            <translation>檔案</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="116" />
            <source>Folder</source>
            <translation>資料夾</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="116" />
            <source>Pages</source>
            <translation>頁數</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="117" />
            <source>Passages</source>
            <translation>段落</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="117" />
            <source>Source</source>
            <translation>來源</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="118" />
            <source>Library folders</source>
            <translation>文件庫資料夾</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="119" />
            <source>&amp;Add folder…</source>
            <translation>加入資料夾(&amp;A)…</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="120" />
            <source>&amp;Remove folder</source>
            <translation>移除資料夾(&amp;R)</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="121" />
            <source>Re-&amp;index</source>
            <translation>重新索引(&amp;I)</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="122" />
            <source>Pick up changed, added and removed files now</source>
            <translation>立即找出已更改、新增及移除的檔案</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="123" />
            <source>&amp;Stop</source>
            <translation>停止(&amp;S)</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="124" />
            <source>Stop indexing; the files already indexed are kept</source>
            <translation>停止索引；已索引的檔案會保留</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="125" />
            <source>Indexing progress</source>
            <translation>索引進度</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="126" />
            <source>Your organisation's policy does not allow adding your own folders; only the shared folders are indexed.</source>
            <translation>貴機構的管理政策不容許加入你自己的資料夾；只會索引共用資料夾。</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="142" />
            <source>Folders managed by your organisation cannot be removed</source>
            <translation>由貴機構管理的資料夾不能移除</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="179" />
            <source>The library could not be read: %1</source>
            <translation>無法讀取文件庫：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="185" />
            <source>Added by you</source>
            <translation>由你加入</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="185" />
            <source>Managed by your organisation</source>
            <translation>由貴機構管理</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="190" />
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="210" />
            <source>Waiting for the reply to finish; indexing continues after it.</source>
            <translation>正在等待回覆完成；之後會繼續索引。</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="213" />
            <source>Looking for files…</source>
            <translation>正在尋找檔案…</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="225" />
            <source>Up to date: %1 files read (%2 pages), %3 unchanged, %4 removed, %5 could not be read.</source>
            <translation>已是最新：讀取了 %1 個檔案（%2 頁），%3 個未有更改，%4 個已移除，%5 個無法讀取。</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="243" />
            <source>Add a folder to the library</source>
            <translation>把資料夾加入文件庫</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="280" />
            <source>Document &amp;library…</source>
            <translation>文件庫(&amp;L)…</translation>
        </message>
        <message>
            <location filename="../app/ui/library_dialog.py" line="283" />
            <source>Documents are turned off by your organisation's policy.</source>
            <translation>貴機構的管理政策已關閉文件功能。</translation>
        </message>
    </context>
    <context>
        <name>LibraryIndexing</name>
        <message>
            <location filename="../app/ui/library_indexing.py" line="34" />
            <source>about %1 s left</source>
            <translation>尚餘約 %1 秒</translation>
        </message>
        <message>
            <location filename="../app/ui/library_indexing.py" line="35" />
            <source>about %1 min left</source>
            <translation>尚餘約 %1 分鐘</translation>
        </message>
        <message>
            <location filename="../app/ui/library_indexing.py" line="40" />
            <source>Indexing %1 of %2 files: %3 pages, %4 pages/s</source>
            <translation>正在索引第 %1 個檔案（共 %2 個）：%3 頁，每秒 %4 頁</translation>
        </message>
        <message>
            <location filename="../app/ui/library_indexing.py" line="44" />
            <source>%1, %2</source>
            <translation>%1，%2</translation>
        </message>
        <message>
            <location filename="../app/ui/library_indexing.py" line="48" />
            <source>Indexing was stopped. The files already indexed are kept; Re-index continues with the rest.</source>
            <translation>索引已停止。已索引的檔案會保留；重新索引會繼續處理其餘檔案。</translation>
        </message>
        <message>
            <location filename="../app/ui/library_indexing.py" line="177" />
            <source>The library could not be updated: %1</source>
            <translation>無法更新文件庫：%1</translation>
        </message>
    </context>
    <context>
        <name>LibraryToggle</name>
        <message>
            <location filename="../app/ui/library_toggle.py" line="34" />
            <location filename="../app/ui/library_toggle.py" line="35" />
            <source>Use my library</source>
            <translation>使用我的文件庫</translation>
        </message>
        <message>
            <location filename="../app/ui/library_toggle.py" line="36" />
            <source>Answer this conversation with passages from your document library, cited under each reply</source>
            <translation>以你文件庫中的段落回答這個對話，並在每個回覆下列出引用來源</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../app/ui/main_window.py" line="287" />
            <source>Bauhinia 紫荊助手</source>
            <translation>紫荊助手 Bauhinia</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="288" />
            <source>Bauhinia</source>
            <translation>紫荊助手</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="289" />
            <source>&amp;File</source>
            <translation>檔案(&amp;F)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="290" />
            <source>&amp;View</source>
            <translation>檢視(&amp;V)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="291" />
            <source>&amp;Help</source>
            <translation>說明(&amp;H)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="292" />
            <source>&amp;New chat</source>
            <translation>新對話(&amp;N)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="293" />
            <source>&amp;Import model file…</source>
            <translation>匯入模型檔案(&amp;I)…</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="294" />
            <source>&amp;Settings…</source>
            <translation>設定(&amp;S)…</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="295" />
            <source>&amp;Quit</source>
            <translation>結束(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="296" />
            <source>&amp;Search conversations</source>
            <translation>搜尋對話(&amp;S)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="297" />
            <source>&amp;Larger text</source>
            <translation>放大文字(&amp;L)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="298" />
            <source>S&amp;maller text</source>
            <translation>縮小文字(&amp;M)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="299" />
            <source>&amp;Reset text size</source>
            <translation>重設文字大小(&amp;R)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="300" />
            <source>&amp;Write a message</source>
            <translation>撰寫訊息(&amp;W)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="301" />
            <source>&amp;About Bauhinia</source>
            <translation>關於紫荊助手(&amp;A)</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="302" />
            <source>&amp;Model:</source>
            <translation>模型(&amp;M)：</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="304" />
            <source>Choose the model that answers</source>
            <translation>選擇回答問題的模型</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="305" />
            <source>Notice</source>
            <translation>通知</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="306" />
            <source>Dismiss</source>
            <translation>關閉</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="307" />
            <source>Retry saving</source>
            <translation>重試儲存</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="308" />
            <source>Retry saving the reply</source>
            <translation>重試儲存回覆</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="309" />
            <source>Dismiss notice</source>
            <translation>關閉通知</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="310" />
            <source>Main area</source>
            <translation>主要區域</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="311" />
            <source>Sidebar and conversation</source>
            <translation>側邊欄及對話</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="373" />
            <source>History is not being saved: %1</source>
            <translation>對話記錄沒有儲存：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="382" />
            <source>Choose a model…</source>
            <translation>選擇模型…</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="391" />
            <source>%1 (your model)</source>
            <translation>%1（你的模型）</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="396" />
            <source>The model catalogue could not be read: %1</source>
            <translation>無法讀取模型目錄：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="399" />
            <source>%1 ↗ leaves this PC</source>
            <translation>%1 ↗ 會傳送到這部電腦以外</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="405" />
            <source>Diagnostic model (checks the installation and reports)</source>
            <translation>診斷模型（檢查安裝並提交報告）</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="421" />
            <source>Stop the current reply before changing the model.</source>
            <translation>請先停止目前的回覆，再更換模型。</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="434" />
            <source>Loading the model…</source>
            <translation>正在載入模型…</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="455" />
            <source>The diagnostic model is loaded. Send any message: it answers with a report of what it checked.</source>
            <translation>診斷模型已載入。傳送任何訊息，它會回覆一份檢查報告。</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="471" />
            <source>Your organisation does not allow importing models.</source>
            <translation>貴機構不准許匯入模型。</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="473" />
            <source>Import a model</source>
            <translation>匯入模型</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="474" />
            <source>GGUF models (*.gguf)</source>
            <translation>GGUF 模型（*.gguf）</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="510" />
            <source>The model was not imported: %1</source>
            <translation>模型沒有匯入：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="514" />
            <source>The model import was cancelled.</source>
            <translation>已取消匯入模型。</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="636" />
            <source>The conversation is longer than the model's context: the oldest %1 messages were left out of this reply.</source>
            <translation>對話長度超出模型的上下文：這次回覆略去了最早的 %1 則訊息。</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="652" />
            <source>Reply finished: %1</source>
            <translation>回覆完成：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="654" />
            <source>The reply failed: %1</source>
            <translation>回覆失敗：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="663" />
            <source>%1 The reply is kept on screen; choose Retry saving once the audit log can be written.</source>
            <translation>%1 回覆仍保留在畫面上；審計記錄可以寫入後，請選擇「重試儲存」。</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="666" />
            <source>The reply could not be saved: %1. It is kept on screen; free some disk space and choose Retry saving.</source>
            <translation>無法儲存回覆：%1。回覆仍保留在畫面上；請騰出一些磁碟空間，然後選擇「重試儲存」。</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="696" />
            <source>Delete message</source>
            <translation>刪除訊息</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="697" />
            <source>Delete this message and everything after it in this version?</source>
            <translation>要刪除這則訊息及這個版本中其後的所有內容嗎？</translation>
        </message>
        <message>
            <source>Diagnostic model (checks the installation; replies are random text)</source>
            <translation type="vanished">診斷模型（檢查安裝是否正常；回覆只是隨機文字）</translation>
        </message>
        <message>
            <source>Model</source>
            <translation type="vanished">模型</translation>
        </message>
        <message>
            <source>The diagnostic model is loaded. It only checks the installation: its replies are random text.</source>
            <translation type="vanished">已載入診斷模型。它只用來檢查安裝是否正常：回覆只是隨機文字。</translation>
        </message>
    </context>
    <context>
        <name>MessageAttachments</name>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="49" />
            <source>best passages only</source>
            <translation>只用了最相關的段落</translation>
        </message>
        <message>
            <location filename="../app/ui/message_attachments_html.py" line="57" />
            <location filename="../app/ui/message_attachments_html.py" line="67" />
            <source>Attached files:</source>
            <translation>附加檔案：</translation>
        </message>
    </context>
    <context>
        <name>Models</name>
        <message>
            <location filename="../app/model_resolver.py" line="164" />
            <source>'%1' is an embedding model for the document library, not a chat model; choose a chat model.</source>
            <translation>「%1」是文件庫用的嵌入模型，不是對話模型；請選擇對話模型。</translation>
        </message>
        <message>
            <location filename="../app/model_resolver.py" line="237" />
            <source>No model is configured. Pass -m with a .gguf file or a catalogue id, or ask IT to set a default model.</source>
            <translation>尚未設定模型。請以 -m 指定 .gguf 檔案或目錄編號，或請資訊科技部門設定預設模型。</translation>
        </message>
        <message>
            <location filename="../app/models/importing.py" line="73" />
            <source>Import cancelled.</source>
            <translation>已取消匯入。</translation>
        </message>
        <message>
            <location filename="../app/models/importing.py" line="104" />
            <source>Your organisation does not allow importing models.</source>
            <translation>貴機構不准許匯入模型。</translation>
        </message>
        <message>
            <location filename="../app/models/importing.py" line="111" />
            <source>The id '%1' is already in use.</source>
            <translation>編號「%1」已被使用。</translation>
        </message>
        <message>
            <location filename="../app/models/importing.py" line="122" />
            <source>A file named %1 already exists.</source>
            <translation>已有名為 %1 的檔案。</translation>
        </message>
        <message>
            <location filename="../app/models/verification.py" line="311" />
            <source>'%1' was not loaded: its file does not match the SHA-256 in IT's model catalogue (damaged or replaced).</source>
            <translation>未有載入「%1」：其檔案與 IT 模型目錄中的 SHA-256 不符（已損壞或被替換）。</translation>
        </message>
        <message>
            <location filename="../app/models/verification.py" line="313" />
            <source>The file for '%1' does not match the SHA-256 recorded when it was imported; it may be damaged or replaced.</source>
            <translation>「%1」的檔案與匯入時記錄的 SHA-256 不符，可能已損壞或被替換。</translation>
        </message>
        <message>
            <location filename="../app/models/verification.py" line="338" />
            <source>No model with the id or path '%1'.</source>
            <translation>沒有編號或路徑為「%1」的模型。</translation>
        </message>
        <message>
            <location filename="../app/models/verification.py" line="342" />
            <source>'%1' is not in the IT model catalogue or your imported models, and your organisation only allows verified models.</source>
            <translation>「%1」不在資訊科技部門的模型目錄或你匯入的模型之中，而貴機構只准許使用已核實的模型。</translation>
        </message>
        <message>
            <location filename="../app/models/verification.py" line="349" />
            <source>This model file has not been verified.</source>
            <translation>這個模型檔案尚未核實。</translation>
        </message>
        <message>
            <location filename="../app/models/verification.py" line="353" />
            <source>The model file for '%1' is missing: %2</source>
            <translation>找不到「%1」的模型檔案：%2</translation>
        </message>
        <message>
            <location filename="../app/ui/main_window.py" line="315" />
            <location filename="../app/ui/tasks.py" line="188" />
            <source>Diagnostic model</source>
            <translation>診斷模型</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="74" />
            <source>Loading was cancelled.</source>
            <translation>已取消載入。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="79" />
            <source>The model file cannot be used: %1. Choose another file or ask IT for a verified copy.</source>
            <translation>無法使用這個模型檔案：%1。請選擇另一個檔案，或向資訊科技部門索取已核實的副本。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="82" />
            <source>No allowed compute device can run this model: %1. Check Settings → Compute device, or ask IT.</source>
            <translation>沒有獲准許的運算裝置可以執行這個模型：%1。請查看「設定 → 運算裝置」，或向資訊科技部門查詢。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="85" />
            <source>The model could not be loaded: %1. Close other programs to free memory, or choose a smaller model.</source>
            <translation>無法載入模型：%1。請關閉其他程式以騰出記憶體，或選擇較小的模型。</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="87" />
            <source>The model could not be loaded: %1</source>
            <translation>無法載入模型：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/tasks.py" line="204" />
            <source>On-premises server</source>
            <translation>機構內部伺服器</translation>
        </message>
        <message>
            <source>The file for '%1' does not match its recorded SHA-256 (expected %2, found %3); it may be damaged or replaced.</source>
            <translation type="vanished">「%1」的檔案與記錄的 SHA-256 不相符（應為 %2，實為 %3）；檔案可能已損壞或被替換。</translation>
        </message>
    </context>
    <context>
        <name>ModelsCommand</name>
        <message>
            <location filename="../app/cli/models_cmds.py" line="27" />
            <source>list, inspect, import and verify models</source>
            <translation>列出、檢視、匯入及核實模型</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="30" />
            <source>models from the IT catalogue and your own</source>
            <translation>資訊科技部門目錄中的模型及你自己的模型</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="34" />
            <source>facts about a GGUF file</source>
            <translation>GGUF 檔案的資料</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="37" />
            <source>also compute the SHA-256</source>
            <translation>同時計算 SHA-256</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="40" />
            <source>copy a GGUF file into your models and record its hash</source>
            <translation>把 GGUF 檔案複製到你的模型中，並記錄其雜湊值</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="44" />
            <source>register the file where it is</source>
            <translation>在原位置登記檔案</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="48" />
            <source>check SHA-256 against the catalogue</source>
            <translation>按目錄核對 SHA-256</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="50" />
            <source>re-hash even if the file is unchanged</source>
            <translation>即使檔案沒有改動，亦重新計算雜湊值</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="97" />
            <source>warning</source>
            <translation>警告</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="115" />
            <source>No models. The IT catalogue is read from %1.</source>
            <translation>沒有模型。資訊科技部門的目錄從 %1 讀取。</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="118" />
            <source>NAME</source>
            <translation>名稱</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="118" />
            <source>ROLE</source>
            <translation>用途</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="118" />
            <source>SOURCE</source>
            <translation>來源</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="118" />
            <source>STATE</source>
            <translation>狀態</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="119" />
            <source>PATH</source>
            <translation>路徑</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="131" />
            <source>chat</source>
            <translation>對話</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="131" />
            <source>embedding (library search)</source>
            <translation>嵌入（文件庫搜尋）</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="145" />
            <source>Hashing</source>
            <translation>正在計算雜湊值</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="163" />
            <source>no: this version of llama.cpp cannot run it (%1)</source>
            <translation>否：此版本的 llama.cpp 無法執行此模型（%1）</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="163" />
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="184" />
            <source>No such file: %1</source>
            <translation>沒有這個檔案：%1</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="189" />
            <source>Copying</source>
            <translation>正在複製</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="200" />
            <source>Already listed as %1</source>
            <translation>已列為 %1</translation>
        </message>
        <message>
            <location filename="../app/cli/models_cmds.py" line="211" />
            <source>No model with the id '%1'.</source>
            <translation>沒有編號為「%1」的模型。</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/cli/models_cmds.py" line="229" />
            <source>%n model(s) failed verification: </source>
            <translation>
                <numerusform>%n 個模型核實不通過：</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PolicyCommand</name>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="18" />
            <source>show settings and managed policy</source>
            <translation>顯示設定及管理政策</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="20" />
            <source>effective value, source and lock of every setting</source>
            <translation>每項設定的生效值、來源及鎖定狀態</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="21" />
            <source>print one JSON object</source>
            <translation>輸出一個 JSON 物件</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="40" />
            <source>locked</source>
            <translation>已鎖定</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="41" />
            <source>SETTING</source>
            <translation>設定</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="41" />
            <source>SOURCE</source>
            <translation>來源</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="41" />
            <source>VALUE</source>
            <translation>值</translation>
        </message>
        <message>
            <location filename="../app/cli/policy_cmds.py" line="42" />
            <source>LOCKED</source>
            <translation>已鎖定</translation>
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
            <translation>正在撮要文件</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="55" />
            <source>Reading the prompt</source>
            <translation>正在讀取提示</translation>
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
            <translation>停止撮要 (Esc)</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="59" />
            <source>Stop the reply (Esc)</source>
            <translation>停止回覆（Esc）</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="81" />
            <source>about %1 s left</source>
            <translation>約剩 %1 秒</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="82" />
            <source>about %1 min left</source>
            <translation>約剩 %1 分鐘</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="85" />
            <source>Reading the prompt: %1 %</source>
            <translation>正在讀取提示：%1%</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="88" />
            <source>%1 — %2</source>
            <translation>%1，%2</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="129" />
            <source>Combining the section summaries: part %1 of %2…</source>
            <translation>正在合併各節摘要：第 %1 部分（共 %2 部分）…</translation>
        </message>
        <message>
            <location filename="../app/ui/prefill_progress.py" line="131" />
            <source>Summarising section %1 of %2…</source>
            <translation>正在撮要第 %1 節（共 %2 節）…</translation>
        </message>
    </context>
    <context>
        <name>PresetBar</name>
        <message>
            <location filename="../app/ui/preset_bar.py" line="53" />
            <source>General chat</source>
            <translation>一般對話</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_bar.py" line="57" />
            <source>%1 (managed by your organisation)</source>
            <translation>%1（由機構管理）</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_bar.py" line="63" />
            <source>&amp;Task:</source>
            <translation>工作(&amp;T)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_bar.py" line="64" />
            <source>Task preset</source>
            <translation>工作範本</translation>
        </message>
    </context>
    <context>
        <name>PresetEditor</name>
        <message>
            <location filename="../app/ui/preset_editor.py" line="79" />
            <source>&amp;Name:</source>
            <translation>名稱(&amp;N)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="79" />
            <source>D&amp;escription:</source>
            <translation>說明(&amp;E)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="80" />
            <source>System &amp;prompt:</source>
            <translation>系統提示(&amp;P)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="82" />
            <source>Name</source>
            <translation>名稱</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="83" />
            <source>Description</source>
            <translation>說明</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="84" />
            <source>System prompt</source>
            <translation>系統提示</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="170" />
            <source>built-in</source>
            <translation>內置</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="170" />
            <source>managed by your organisation</source>
            <translation>由機構管理</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="171" />
            <source>yours</source>
            <translation>自訂</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="198" />
            <source>Your organisation's policy does not allow your own presets.</source>
            <translation>貴機構的管理政策不允許自訂範本。</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="281" />
            <source>Delete preset</source>
            <translation>刪除範本</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="282" />
            <source>Delete your preset %1?</source>
            <translation>要刪除你的範本「%1」嗎？</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="294" />
            <location filename="../app/ui/preset_editor.py" line="295" />
            <source>Presets</source>
            <translation>工作範本</translation>
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
            <translation>簡體中文</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="302" />
            <source>&amp;Id:</source>
            <translation>識別碼(&amp;I)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="302" />
            <source>&amp;Reply language:</source>
            <translation>回覆語言(&amp;R)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="302" />
            <source>&amp;Temperature:</source>
            <translation>溫度(&amp;T)：</translation>
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
            <translation>固定種子(&amp;F)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="304" />
            <source>&amp;Maximum reply tokens:</source>
            <translation>回覆記號上限(&amp;M)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="304" />
            <source>Repeat penalt&amp;y:</source>
            <translation>重複懲罰(&amp;Y)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="305" />
            <source>&amp;Glossary file:</source>
            <translation>詞彙表檔案(&amp;G)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="305" />
            <source>Reference doc&amp;uments:</source>
            <translation>參考文件(&amp;U)：</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="308" />
            <source>Id</source>
            <translation>識別碼</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="309" />
            <source>1-64 lower-case letters, digits, '.', '_' or '-'</source>
            <translation>1 至 64 個小楷字母、數字、「.」、「_」或「-」</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="310" />
            <source>Temperature</source>
            <translation>溫度</translation>
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
            <translation>回覆記號上限</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="312" />
            <source>Repeat penalty</source>
            <translation>重複懲罰</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="313" />
            <source>Fixed seed</source>
            <translation>固定種子</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="315" />
            <source>the setting's value</source>
            <translation>沿用設定值</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="318" />
            <source>From %1 to %2; empty: the setting's value.</source>
            <translation>由 %1 至 %2；留空則沿用設定值。</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="321" />
            <source>The same seed repeats a reply; -1: a new one each time.</source>
            <translation>相同種子會產生相同回覆；-1：每次不同。</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="323" />
            <source>Same as the question</source>
            <translation>與提問相同</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="327" />
            <source>Reply language</source>
            <translation>回覆語言</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="330" />
            <source>Ne&amp;w</source>
            <translation>新增(&amp;W)</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="331" />
            <source>&amp;Copy</source>
            <translation>複製(&amp;C)</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="332" />
            <source>&amp;Delete</source>
            <translation>刪除(&amp;D)</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="333" />
            <source>&amp;Save</source>
            <translation>儲存(&amp;S)</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="355" />
            <source>&amp;Presets…</source>
            <translation>工作範本(&amp;P)…</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_editor.py" line="356" />
            <source>Make, change or remove your own task presets</source>
            <translation>新增、更改或移除自訂工作範本</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="63" />
            <source>Choose a glossary</source>
            <translation>選擇詞彙表</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="64" />
            <source>Glossaries (%1)</source>
            <translation>詞彙表（%1）</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="68" />
            <source>C&amp;hoose…</source>
            <translation>選擇(&amp;H)…</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="69" />
            <source>Cle&amp;ar</source>
            <translation>清除(&amp;A)</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="70" />
            <source>Glossary file</source>
            <translation>詞彙表檔案</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="71" />
            <source>none</source>
            <translation>無</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="72" />
            <source>Choose a glossary file</source>
            <translation>選擇詞彙表檔案</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="73" />
            <source>Clear the glossary file</source>
            <translation>清除詞彙表檔案</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="141" />
            <source>Choose reference documents</source>
            <translation>選擇參考文件</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="142" />
            <source>Documents (%1)</source>
            <translation>文件（%1）</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="146" />
            <source>Add fi&amp;les…</source>
            <translation>加入檔案(&amp;L)…</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="147" />
            <source>Remo&amp;ve</source>
            <translation>移除(&amp;V)</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="148" />
            <source>Reference documents</source>
            <translation>參考文件</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="149" />
            <source>Given to the model with every question asked with this preset</source>
            <translation>使用此範本提問時，每次都會提供給模型</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="150" />
            <source>Add reference documents</source>
            <translation>加入參考文件</translation>
        </message>
        <message>
            <location filename="../app/ui/preset_files.py" line="151" />
            <source>Remove the selected reference document</source>
            <translation>移除所選的參考文件</translation>
        </message>
    </context>
    <context>
        <name>Presets</name>
        <message>
            <location filename="../app/documents/references.py" line="96" />
            <source>Task “%1”: the reference document %2 was not used: %3</source>
            <translation>工作範本「%1」：未有使用參考文件 %2：%3</translation>
        </message>
        <message>
            <location filename="../app/documents/references.py" line="131" />
            <source>Documents are turned off by your organisation's policy, so the reference documents of “%1” are not used.</source>
            <translation>貴機構的管理政策已關閉文件功能，因此不會使用「%1」的參考文件。</translation>
        </message>
        <message>
            <location filename="../app/presets/collection.py" line="69" />
            <source>Presets {file}: refused: {problem}</source>
            <translation>工作範本 {file}：已拒絕：{problem}</translation>
        </message>
        <message>
            <location filename="../app/presets/collection.py" line="76" />
            <source>Your preset {id}: the id is already used by a built-in or IT preset (skipped)</source>
            <translation>你的範本 {id}：此編號已被內置或資訊科技部門的範本使用（已略過）</translation>
        </message>
        <message>
            <location filename="../app/presets/files.py" line="21" />
            <source>%1 cannot be used as a glossary: %2</source>
            <translation>%1 不能用作詞彙表：%2</translation>
        </message>
        <message>
            <location filename="../app/presets/files.py" line="45" />
            <source>%1 cannot be a reference document: %2</source>
            <translation>%1 不能用作參考文件：%2</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="31" />
            <source>Presets {file}, preset {id}: {problem}</source>
            <translation>工作範本 {file}，範本 {id}：{problem}</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="33" />
            <source>Presets {file}: {problem}</source>
            <translation>工作範本 {file}：{problem}</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="42" />
            <source>'{key}' must be a text or an object with en, zh_HK, zh_CN</source>
            <translation>「{key}」必須是文字，或含 en、zh_HK、zh_CN 的物件</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="46" />
            <source>'{key}' has an unknown language '{lang}' (use en, zh_HK, zh_CN)</source>
            <translation>「{key}」有不明語言「{lang}」（請用 en、zh_HK、zh_CN）</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="49" />
            <source>'{key}.{lang}' must be a text of at most {n} characters</source>
            <translation>「{key}.{lang}」必須是不多於 {n} 個字元的文字</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="53" />
            <source>'{key}' needs an English (en) text</source>
            <translation>「{key}」須有英文（en）文字</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="59" />
            <source>'{key}' must be a path</source>
            <translation>「{key}」必須是路徑</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="68" />
            <source>'sampling' must be an object</source>
            <translation>「sampling」必須是物件</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="73" />
            <source>'sampling' has an unknown setting '{key}' (use {known})</source>
            <translation>「sampling」有不明設定「{key}」（請用 {known}）</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="79" />
            <source>'sampling.{key}' must be a number from {low} to {high}</source>
            <translation>「sampling.{key}」必須是 {low} 至 {high} 之間的數字</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="87" />
            <source>each preset must be an object</source>
            <translation>每個範本都必須是物件</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="90" />
            <source>'id' must be 1-64 lower-case letters, digits, '.', '_' or '-'</source>
            <translation>「id」必須由 1 至 64 個小楷字母、數字、「.」、「_」或「-」組成</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="93" />
            <source>unknown field '{key}'</source>
            <translation>不明欄位「{key}」</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="96" />
            <source>'reply_language' must be one of {choices}</source>
            <translation>「reply_language」必須是以下其中之一：{choices}</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="100" />
            <source>'documents' must be a list of paths</source>
            <translation>「documents」必須是路徑清單</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="121" />
            <source>cannot be read ({error})</source>
            <translation>無法讀取（{error}）</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="123" />
            <source>larger than {size} KB</source>
            <translation>大於 {size} KB</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="128" />
            <source>not valid UTF-8 JSON (line {line})</source>
            <translation>不是有效的 UTF-8 JSON（第 {line} 行）</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="130" />
            <source>expected an object with a 'presets' list</source>
            <translation>應為含「presets」清單的物件</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="132" />
            <source>version {v} is not supported (use 1)</source>
            <translation>不支援版本 {v}（請用 1）</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="134" />
            <source>more than {n} presets</source>
            <translation>範本多於 {n} 個</translation>
        </message>
        <message>
            <location filename="../app/presets/loader.py" line="145" />
            <source>the id is used twice; the second is skipped</source>
            <translation>編號重複；已略過第二個</translation>
        </message>
        <message>
            <location filename="../app/presets/turn.py" line="55" />
            <source>The preset's glossary was not used for this reply: %1</source>
            <translation>此回覆未有使用範本的詞彙表：%1</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="63" />
            <location filename="../app/presets/user_store.py" line="66" />
            <source>Your presets file {file} cannot be read, so it was not changed. Fix or remove it first.</source>
            <translation>無法讀取你的範本檔案 {file}，因此沒有更改它。請先修正或移除該檔案。</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="79" />
            <source>Your presets could not be saved to {file}: {error}</source>
            <translation>你的範本無法儲存至 {file}：{error}</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="85" />
            <source>Your organisation's policy does not allow your own presets.</source>
            <translation>貴機構的管理政策不允許自訂範本。</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="93" />
            <source>{name} is managed by your organisation and cannot be changed.</source>
            <translation>「{name}」由機構管理，不能更改。</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="95" />
            <source>{name} is built in and cannot be changed; save a copy under a new id.</source>
            <translation>「{name}」是內置範本，不能更改；請以新的識別碼另存副本。</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="117" />
            <source>The id {id} is already used by a built-in or IT preset; choose another.</source>
            <translation>識別碼 {id} 已被內置或資訊科技部門的範本使用，請選用其他識別碼。</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="122" />
            <location filename="../app/presets/user_store.py" line="144" />
            <source>You have no preset {id}.</source>
            <translation>你沒有範本 {id}。</translation>
        </message>
        <message>
            <location filename="../app/presets/user_store.py" line="124" />
            <location filename="../app/presets/user_store.py" line="128" />
            <source>You already have a preset {id}.</source>
            <translation>你已有範本 {id}。</translation>
        </message>
    </context>
    <context>
        <name>PresetsCli</name>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="20" />
            <source>task presets (built-in, IT's and your own)</source>
            <translation>工作範本（內置、資訊科技部門提供及你自訂的）</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="22" />
            <source>list the presets and any problems with the files</source>
            <translation>列出範本及檔案中的問題</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="25" />
            <source>save your own preset(s) from a JSON file</source>
            <translation>從 JSON 檔案儲存自訂範本</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="27" />
            <source>replace your preset with the same id</source>
            <translation>取代識別碼相同的自訂範本</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="29" />
            <source>remove one of your own presets</source>
            <translation>移除一個自訂範本</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="48" />
            <source>No preset '{id}'. Known presets: {known}</source>
            <translation>沒有範本「{id}」。現有範本：{known}</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="66" />
            <source>IT (locked)</source>
            <translation>資訊科技部門（已鎖定）</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="66" />
            <source>built-in</source>
            <translation>內置</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="66" />
            <source>yours</source>
            <translation>自訂</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="73" />
            <source>warning</source>
            <translation>警告</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="81" />
            <source>Cannot read {file}: {error}</source>
            <translation>無法讀取 {file}：{error}</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="85" />
            <source>{file} holds no preset.</source>
            <translation>{file} 沒有任何範本。</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="103" />
            <source>Saved your preset {id}.</source>
            <translation>已儲存你的範本 {id}。</translation>
        </message>
        <message>
            <location filename="../app/cli/presets_cmds.py" line="116" />
            <source>Removed your preset {id}.</source>
            <translation>已移除你的範本 {id}。</translation>
        </message>
    </context>
    <context>
        <name>RemoteEndpoints</name>
        <message>
            <location filename="../app/remote_endpoints.py" line="118" />
            <source>Remote endpoints are turned off by your organisation's policy.</source>
            <translation>貴機構的管理政策已關閉遠端端點。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="124" />
            <source>The endpoint address must be an https:// URL with a host name.</source>
            <translation>端點地址必須是附有主機名稱的 https:// 網址。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="128" />
            <source>The endpoint address must not contain a user name or password; save the access token in the keyring instead.</source>
            <translation>端點地址不可包含用戶名稱或密碼；請改為把存取權杖存放在系統密碼庫。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="133" />
            <source>Plain http:// is refused for a server on another machine: text would cross the network unencrypted. Use https://.</source>
            <translation>不接受以 http:// 連接其他電腦上的伺服器：文字會在網絡上以未加密方式傳送。請使用 https://。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="138" />
            <source>The host %1 is not on your organisation's list of allowed servers.</source>
            <translation>主機 %1 不在貴機構准許的伺服器名單上。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="164" />
            <source>Access tokens may not be written in settings or policy files (field %1); save them in the system keyring.</source>
            <translation>存取權杖不可寫在設定或管理政策檔案中（欄位 %1）；請把它存放在系統密碼庫。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="171" />
            <source>An endpoint needs an id without '/'.</source>
            <translation>端點需要一個不含「/」的編號。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="173" />
            <source>The endpoint %1 has no URL.</source>
            <translation>端點 %1 沒有網址。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="179" />
            <source>The endpoint %1 sets a proxy or CA bundle, which only your administrator may set (policy or site defaults). Remove them from your settings or ask IT.</source>
            <translation>伺服器 %1 設定了代理伺服器或 CA 憑證，這兩項只可由管理員設定（管理政策或網站預設值）。請從你的設定中刪除這兩項，或聯絡資訊科技部門。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="232" />
            <source>Text leaves this PC for the on-premises server %1 (%2)</source>
            <translation>文字會傳送到這部電腦以外的機構內部伺服器 %1（%2）</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="255" />
            <source>Not a remote model reference: %1</source>
            <translation>不是遠端模型的寫法：%1</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="259" />
            <source>A remote model is written remote:&lt;endpoint&gt;/&lt;model&gt;.</source>
            <translation>遠端模型的寫法是 remote:&lt;端點&gt;/&lt;模型&gt;。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="273" />
            <source>No remote endpoint named %1 is configured.</source>
            <translation>沒有設定名為 %1 的遠端端點。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="298" />
            <source>The system keyring is not available (%1); the access token cannot be used.</source>
            <translation>系統密碼庫無法使用（%1）；不能使用存取權杖。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="331" />
            <source>The access token is empty.</source>
            <translation>存取權杖是空的。</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="378" />
            <source>not encrypted (http)</source>
            <translation>未加密（http）</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="381" />
            <source>verified: %1, %2; issuer %3; expires %4</source>
            <translation>已核實：%1，%2；簽發者 %3；到期 %4</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="384" />
            <source>failed</source>
            <translation>失敗</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="385" />
            <source>unknown (not connected)</source>
            <translation>不明（未連接）</translation>
        </message>
        <message>
            <location filename="../app/remote_endpoints.py" line="403" />
            <location filename="../app/remote_endpoints.py" line="437" />
            <source>not checked</source>
            <translation>未檢查</translation>
        </message>
    </context>
    <context>
        <name>Selftest</name>
        <message>
            <location filename="../app/selftest.py" line="74" />
            <source>skipped: needs '%1', which did not pass</source>
            <translation>已略過：需要「%1」，但該項未通過</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="97" />
            <source>no system keyring is available (%1). On Linux, sign in to a desktop session that runs a Secret Service (GNOME Keyring or KWallet); on Windows, Credential Manager must be running.</source>
            <translation>沒有可用的系統密碼庫（%1）。在 Linux 上，請登入執行 Secret Service（GNOME Keyring 或 KWallet）的桌面工作階段；在 Windows 上，認證管理員必須正在執行。</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="107" />
            <source>the keyring (%1) returned a different secret</source>
            <translation>密碼庫（%1）傳回了不同的密碼</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="112" />
            <source>the keyring (%1) did not delete the test secret</source>
            <translation>密碼庫（%1）未有刪除測試密碼</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="114" />
            <source>the keyring (%1) failed: %2</source>
            <translation>密碼庫（%1）出錯：%2</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="116" />
            <source>%1: a secret was stored, read back and deleted</source>
            <translation>%1：已儲存、讀回並刪除一個密碼</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="139" />
            <source>the history database was written without encryption</source>
            <translation>對話記錄資料庫以未加密方式寫入</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="142" />
            <source>plain text was found in %1</source>
            <translation>在 %1 中發現明文</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="148" />
            <source>the conversation read back differs from what was stored</source>
            <translation>讀回的對話與儲存的不同</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="150" />
            <source>search did not find the stored conversation</source>
            <translation>搜尋找不到已儲存的對話</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="156" />
            <source>SQLCipher, key in the keyring: stored, reopened, read back and found by search</source>
            <translation>SQLCipher，密鑰存於密碼庫：已儲存、重新開啟、讀回並可搜尋</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="179" />
            <source>built and hashed, %1 bytes</source>
            <translation>已建立並計算雜湊，%1 位元組</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="201" />
            <source>the reply differs from the diagnostic script</source>
            <translation>回覆與診斷腳本不同</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="230" />
            <source>build diagnostic model</source>
            <translation>建立診斷模型</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="230" />
            <source>load</source>
            <translation>載入</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="231" />
            <source>keyring round-trip</source>
            <translation>密碼庫往返測試</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="235" />
            <source>chat</source>
            <translation>對話</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="236" />
            <source>cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../app/selftest.py" line="238" />
            <source>encrypted history round-trip</source>
            <translation>加密對話記錄往返測試</translation>
        </message>
        <message>
            <source>history round-trip</source>
            <translation type="vanished">對話記錄存取</translation>
        </message>
        <message>
            <source>skipped after an earlier failure</source>
            <translation type="vanished">因先前的失敗而略過</translation>
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message>
            <location filename="../app/admin_files.py" line="34" />
            <source>the folder %1 is owned by uid %2, not by an administrator</source>
            <translation>資料夾 %1 的擁有者是 uid %2，而非管理員</translation>
        </message>
        <message>
            <location filename="../app/admin_files.py" line="35" />
            <source>the file %1 is owned by uid %2, not by an administrator</source>
            <translation>檔案 %1 的擁有者是 uid %2，而非管理員</translation>
        </message>
        <message>
            <location filename="../app/admin_files.py" line="38" />
            <source>users who are not administrators can change the folder %1 (mode %2)</source>
            <translation>非管理員用戶可修改資料夾 %1（權限 %2）</translation>
        </message>
        <message>
            <location filename="../app/admin_files.py" line="39" />
            <source>users who are not administrators can change the file %1 (mode %2)</source>
            <translation>非管理員用戶可修改檔案 %1（權限 %2）</translation>
        </message>
        <message>
            <location filename="../app/admin_files.py" line="54" />
            <source>the folder %1 can be changed by %2, who is not an administrator</source>
            <translation>非管理員 %2 可修改資料夾 %1</translation>
        </message>
        <message>
            <location filename="../app/admin_files.py" line="55" />
            <source>the file %1 can be changed by %2, who is not an administrator</source>
            <translation>非管理員 %2 可修改檔案 %1</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="160" />
            <source>expected true or false</source>
            <translation>應為 true 或 false</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="165" />
            <source>below the minimum %1</source>
            <translation>低於下限 %1</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="167" />
            <source>above the maximum %1</source>
            <translation>超過上限 %1</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="172" />
            <source>expected a whole number</source>
            <translation>應為整數</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="179" />
            <source>expected a number</source>
            <translation>應為數字</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="186" />
            <source>expected text</source>
            <translation>應為文字</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="188" />
            <source>longer than %1 characters</source>
            <translation>超過 %1 個字元</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="190" />
            <source>does not match %1</source>
            <translation>與 %1 不相符</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="201" />
            <source>expected an absolute path (relative paths are refused)</source>
            <translation>須為絕對路徑（不接受相對路徑）</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="207" />
            <source>expected one of %1</source>
            <translation>應為以下其中之一：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="213" />
            <source>expected a list of non-empty texts</source>
            <translation>應為非空白文字的清單</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="217" />
            <source>list item does not match %1</source>
            <translation>清單項目與 %1 不相符</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="233" />
            <source>expected a list of endpoint objects</source>
            <translation>應為端點物件清單</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="238" />
            <source>each endpoint must be an object</source>
            <translation>每個端點都必須是物件</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="241" />
            <source>unknown endpoint fields</source>
            <translation>不明的端點欄位</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="244" />
            <source>endpoint needs '%1'</source>
            <translation>端點需要「%1」</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="246" />
            <source>endpoint id must be 1-64 letters, digits, '_', '.' or '-'</source>
            <translation>端點編號必須由 1 至 64 個字母、數字、「_」、「.」或「-」組成</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="248" />
            <source>duplicate endpoint id</source>
            <translation>端點編號重複</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="252" />
            <source>endpoint url must be an http(s) URL with a host</source>
            <translation>端點網址必須是附有主機的 http(s) 網址</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="257" />
            <source>display_name must be text or {language: text}</source>
            <translation>display_name 必須是文字或 {語言: 文字}</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="260" />
            <source>models must be a list of model names</source>
            <translation>models 必須是模型名稱清單</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="263" />
            <source>%1 must be text</source>
            <translation>%1 必須是文字</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="284" />
            <source>Interface language</source>
            <translation>介面語言</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="285" />
            <source>Language of menus and messages; 'system' follows the Windows or desktop language.</source>
            <translation>選單及訊息所用的語言；「system」跟隨 Windows 或桌面的語言設定。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="289" />
            <source>Reply language</source>
            <translation>回覆語言</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="290" />
            <source>Language and script the assistant is asked to answer in; 'auto' answers in the language of the question.</source>
            <translation>要求助手以哪種語言及文字回答；「auto」以提問的語言回答。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="294" />
            <source>Light or dark colours, or follow the system.</source>
            <translation>淺色或深色，或跟隨系統設定。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="294" />
            <source>Theme</source>
            <translation>主題</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="297" />
            <source>Font size</source>
            <translation>字體大小</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="297" />
            <source>Size of the conversation text, in points.</source>
            <translation>對話文字的大小（點）。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="301" />
            <source>Default model</source>
            <translation>預設模型</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="302" />
            <source>Catalogue id of the model a new conversation uses; empty uses the model the catalogue marks as default.</source>
            <translation>新對話使用的模型目錄編號；留空則使用目錄標示為預設的模型。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="306" />
            <source>Context length</source>
            <translation>上下文長度</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="307" />
            <source>Tokens of conversation the model keeps in view; 0 uses the model's own length. Longer contexts use more memory.</source>
            <translation>模型可顧及的對話記號（token）數目；0 表示使用模型本身的長度。上下文越長，佔用記憶體越多。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="311" />
            <source>System prompt</source>
            <translation>系統提示</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="312" />
            <source>Instructions given to the model before every conversation; empty uses the catalogue's prompt for the model.</source>
            <translation>每次對話前給模型的指示；留空則使用目錄為該模型設定的提示。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="316" />
            <source>Randomness of replies; lower is more predictable.</source>
            <translation>回覆的隨機程度；數值越低越穩定。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="316" />
            <source>Temperature</source>
            <translation>溫度</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="319" />
            <source>Sample only from the most likely tokens that together reach this probability.</source>
            <translation>只從合計機率達到此值的最可能記號中抽樣。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="319" />
            <source>Top-p</source>
            <translation>Top-p</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="323" />
            <source>Sample only from this many most likely tokens; 0 disables the limit.</source>
            <translation>只從最可能的這麼多個記號中抽樣；0 表示不設上限。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="323" />
            <source>Top-k</source>
            <translation>Top-k</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="327" />
            <source>Drop tokens less likely than this fraction of the most likely one.</source>
            <translation>捨棄機率低於最可能記號此比例的記號。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="327" />
            <source>Min-p</source>
            <translation>Min-p</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="331" />
            <source>Discourage repeating recent tokens; 1.0 is off.</source>
            <translation>減少重複近期出現的記號；1.0 表示關閉。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="331" />
            <source>Repeat penalty</source>
            <translation>重複懲罰</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="334" />
            <source>Maximum reply length</source>
            <translation>回覆長度上限</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="335" />
            <source>Most tokens one reply (reasoning included) may use.</source>
            <translation>每個回覆（包括思考過程）最多可用的記號數目。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="338" />
            <source>Random seed</source>
            <translation>隨機種子</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="339" />
            <source>Fixed seed for repeatable replies; -1 picks a new one each time.</source>
            <translation>固定種子可令回覆重現；-1 表示每次另選。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="343" />
            <source>Compute device</source>
            <translation>運算裝置</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="344" />
            <source>'auto' picks the best allowed device, 'cpu' uses the processor only, or a device id from 'bauhinia doctor'.</source>
            <translation>「auto」自動選用最佳的許可裝置，「cpu」只用處理器，或填寫「bauhinia doctor」列出的裝置編號。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="348" />
            <source>Allowed compute devices</source>
            <translation>許可的運算裝置</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="349" />
            <source>Backends or device ids the application may use (for example cpu, CUDA0, Vulkan0); empty allows all.</source>
            <translation>應用程式可使用的後端或裝置編號（例如 cpu、CUDA0、Vulkan0）；留空表示全部許可。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="353" />
            <source>GPU layers</source>
            <translation>GPU 層數</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="354" />
            <source>Model layers placed on the GPU; -1 decides from the free memory, 0 keeps the model on the processor.</source>
            <translation>放在 GPU 上的模型層數；-1 按可用記憶體決定，0 令模型只在處理器上執行。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="358" />
            <source>Processor threads</source>
            <translation>處理器執行緒</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="359" />
            <source>Most threads used for generation; 0 uses the number of physical cores. Fewer are used while other programs keep cores busy.</source>
            <translation>生成回覆時最多使用的執行緒數目；0 表示按實體核心數目。其他程式佔用核心時會自動減少。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="363" />
            <source>Conversation memory budget (MB)</source>
            <translation>對話記憶預算（MB）</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="364" />
            <source>Memory kept for switching back to recent conversations without re-reading them; 0 disables it.</source>
            <translation>保留作快速切換回最近對話的記憶體，免得重新讀取；0 表示停用。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="368" />
            <source>Keep the last conversation's memory across restarts (MB)</source>
            <translation>重新啟動後保留上一個對話的記憶（MB）</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="369" />
            <source>When the app or the model closes, the last conversation's model state is kept, encrypted with the history key, so its first reply after a restart does not re-read the whole conversation; 0 disables it. Nothing is kept when the history is not encrypted with the system keyring.</source>
            <translation>關閉程式或模型時，上一個對話的模型狀態會以記錄密鑰加密保存，重新啟動後的第一個回覆毋須重新讀取整個對話；0 表示停用。記錄未以系統密鑰圈加密時，不會保存任何內容。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="375" />
            <source>Faster copying from the prompt</source>
            <translation>加快複製提示內容</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="376" />
            <source>Guess the next words from the prompt and attachments and check several at once; the reply is the same, only faster when it repeats the prompt.</source>
            <translation>從提示及附件推測接下來的字詞，並一次核對多個；回覆內容不變，只在重用提示內容時更快。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="381" />
            <source>Keep conversation history</source>
            <translation>保留對話記錄</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="382" />
            <source>Save conversations on this computer so they can be searched and reopened.</source>
            <translation>把對話儲存在這部電腦上，以便搜尋及重新開啟。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="385" />
            <source>Keep history for (days)</source>
            <translation>記錄保留日數</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="386" />
            <source>Conversations older than this are deleted; 0 keeps them until deleted by hand.</source>
            <translation>超過此日數的對話會被刪除；0 表示保留至手動刪除。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="389" />
            <source>History encryption</source>
            <translation>對話記錄加密</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="390" />
            <source>'required': history is always encrypted; 'preferred': encrypted when a key can be kept in the system keyring; 'off': not encrypted.</source>
            <translation>「required」：記錄必定加密；「preferred」：可把金鑰存放在系統密碼庫時加密；「off」：不加密。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="395" />
            <source>Without a keyring</source>
            <translation>沒有系統密碼庫時</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="396" />
            <source>What to do when encryption is wanted but no system keyring is available: refuse to keep history, ask for a passphrase, or keep it unencrypted with a warning.</source>
            <translation>需要加密但沒有系統密碼庫時的處理方式：不保留記錄、要求輸入密碼短語，或不加密保留並顯示警告。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="401" />
            <source>Allow exporting conversations</source>
            <translation>允許匯出對話</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="402" />
            <source>Whether conversations may be exported to files.</source>
            <translation>可否把對話匯出為檔案。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="406" />
            <source>Model catalogue</source>
            <translation>模型目錄</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="407" />
            <source>Path of the IT model catalogue (models.json); empty uses the standard location. Environment variables are expanded; the path must be absolute, and a catalogue that non-administrators can change is refused.</source>
            <translation>資訊科技部門模型目錄（models.json）的路徑；留空則使用標準位置。路徑中的環境變數會被展開，而路徑必須為絕對路徑；非管理員可修改的目錄檔案會被拒絕。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="413" />
            <source>Imported models folder</source>
            <translation>匯入模型資料夾</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="414" />
            <source>Folder where imported models are copied; empty uses the user's data folder. Environment variables are expanded; the path must be absolute.</source>
            <translation>匯入的模型會複製到此資料夾；留空則使用用戶的資料夾。路徑中的環境變數會被展開，而路徑必須為絕對路徑。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="418" />
            <source>Allow users to import models</source>
            <translation>允許用戶匯入模型</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="419" />
            <source>Whether users may add model files that are not in the IT catalogue.</source>
            <translation>用戶可否加入不在資訊科技部門目錄內的模型檔案。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="422" />
            <source>Require verified models</source>
            <translation>只准使用已核實的模型</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="423" />
            <source>Load only model files whose SHA-256 matches the catalogue or the hash recorded when they were imported; other files are refused.</source>
            <translation>只載入 SHA-256 與目錄或匯入時記錄的雜湊值相符的模型檔案；其他檔案一律拒絕。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="428" />
            <source>Terminology glossary</source>
            <translation>術語詞彙表</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="429" />
            <source>A CSV or TSV glossary (columns en, zh_HK, zh_CN and an optional note), or a folder of them: terms found in the input are given to the model with their approved rendering, and the reply is checked for it. Empty uses the 'glossary' folder in the administrator's configuration folder when it exists. Environment variables are expanded; the path must be absolute.</source>
            <translation>CSV 或 TSV 詞彙表（欄位 en、zh_HK、zh_CN 及可選的 note），或存放這些檔案的資料夾：輸入中出現的詞語連同核准譯名交給模型，並檢查回覆有否採用。留空則使用管理員設定資料夾內的「glossary」資料夾（如有）。路徑中的環境變數會被展開，而路徑必須為絕對路徑。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="436" />
            <source>Keep an audit log</source>
            <translation>保留審計記錄</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="437" />
            <source>Record who loaded which model, finished replies (token counts), exports, imports, deletions, policy refusals and added documents (names and SHA-256) in a hash-chained log; never the text of messages or documents. An action whose record cannot be written is stopped. Once a policy turns it on, users cannot turn it off.</source>
            <translation>把誰載入了哪個模型、完成的回覆（記號數目）、匯出、匯入、刪除、管理政策拒絕的操作及加入的文件（名稱及 SHA-256）記錄在以雜湊串連的記錄檔中；絕不記錄訊息或文件的內容。無法寫入記錄的操作會被停止。管理政策一旦開啟，用戶便不能關閉。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="443" />
            <source>Audit log folder</source>
            <translation>審計記錄資料夾</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="444" />
            <source>Folder of the audit log (audit.jsonl; full files become audit.000001.jsonl …); empty uses 'audit' in the user's data folder. Use a folder per user, for example under %LOCALAPPDATA%. Environment variables are expanded; the path must be absolute.</source>
            <translation>審計記錄所在的資料夾（audit.jsonl；寫滿的檔案改名為 audit.000001.jsonl 等）；留空則使用用戶資料夾內的「audit」。請為每位用戶使用獨立資料夾，例如 %LOCALAPPDATA% 之下。路徑中的環境變數會被展開，而路徑必須為絕對路徑。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="449" />
            <source>Audit log file size (bytes)</source>
            <translation>審計記錄檔案大小（位元組）</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="450" />
            <source>Size at which the audit log starts a new file; the new file continues the hash chain and old files are kept.</source>
            <translation>審計記錄檔達到此大小便開始新檔案；新檔案延續雜湊串連，舊檔案會保留。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="455" />
            <source>Task presets file</source>
            <translation>工作範本檔案</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="456" />
            <source>The organisation's presets.json (tasks with a system prompt, sampling, reply language, glossary and reference documents; schema presets.schema.json). Empty uses presets.json beside the model catalogue. Its presets are locked; a file non-administrators can change is refused. Environment variables are expanded; the path must be absolute.</source>
            <translation>機構的 presets.json（工作範本，包括系統提示、取樣設定、回覆語言、詞彙表及參考文件；結構定義見 presets.schema.json）。留空則使用模型目錄旁的 presets.json。其中的範本已鎖定；非管理員可修改的檔案會被拒絕。路徑中的環境變數會被展開，而路徑必須為絕對路徑。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="462" />
            <source>Allow users' own presets</source>
            <translation>允許用戶自訂範本</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="463" />
            <source>Whether users may add their own task presets besides the built-in and the organisation's ones.</source>
            <translation>除內置及機構提供的工作範本外，用戶可否加入自己的範本。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="468" />
            <source>Allow documents</source>
            <translation>允許使用文件</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="469" />
            <source>Whether files may be attached to messages and added to the document library. Document text is kept only in the encrypted history database.</source>
            <translation>可否把檔案附加到訊息及加入文件庫。文件內容只會保存在已加密的記錄資料庫內。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="473" />
            <source>Largest document (MB)</source>
            <translation>文件大小上限（MB）</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="474" />
            <source>Files larger than this are not read, attached or indexed.</source>
            <translation>大於此大小的檔案不會被讀取、附加或編入索引。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="477" />
            <source>Shared library folders</source>
            <translation>共用文件庫資料夾</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="478" />
            <source>Folders (for example a department's circulars on a file share) that every user's document library indexes; users cannot remove them. Use absolute paths.</source>
            <translation>每位用戶的文件庫都會編入索引的資料夾（例如檔案伺服器上部門的通告）；用戶不能移除。請使用絕對路徑。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="482" />
            <source>Allow users to add library folders</source>
            <translation>允許用戶加入文件庫資料夾</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="483" />
            <source>Whether users may add their own files and folders to the document library; the shared library folders are indexed either way.</source>
            <translation>用戶可否把自己的檔案及資料夾加入文件庫；無論如何，共用文件庫資料夾都會編入索引。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="487" />
            <source>Embedding model for the library</source>
            <translation>文件庫的嵌入模型</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="488" />
            <source>Catalogue id of an embedding model ("role": "embedding" in the model catalogue, for example a multilingual bge-m3 GGUF). When set, library passages also get vectors, kept in the encrypted history database, and searches combine them with keyword ranking. Empty uses keyword ranking only.</source>
            <translation>模型目錄中嵌入模型（"role": "embedding"，例如多語言 bge-m3 GGUF）的 ID。設定後，文件庫段落亦會產生向量，儲存在加密的記錄資料庫內，搜尋時與關鍵字排序合併。留空則只用關鍵字排序。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="495" />
            <source>Allow remote endpoints</source>
            <translation>允許遠端伺服器</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="496" />
            <source>Whether the application may send conversations to an on-premises OpenAI-compatible server instead of running models locally.</source>
            <translation>應用程式可否把對話傳送到機構內部、與 OpenAI 相容的伺服器，而非在本機執行模型。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="500" />
            <source>Allowed remote hosts</source>
            <translation>許可的遠端主機</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="501" />
            <source>Host names (optionally with :port, '*.' for sub-domains) remote endpoints may use; empty allows none.</source>
            <translation>遠端伺服器可使用的主機名稱（可加 :埠號，「*.」代表子網域）；留空表示一律不許可。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="506" />
            <source>Allow unencrypted HTTP</source>
            <translation>允許未加密的 HTTP</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="507" />
            <source>Whether remote endpoints may use plain http:// instead of https://.</source>
            <translation>遠端伺服器可否使用 http:// 而非 https://。</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="510" />
            <source>Remote endpoints</source>
            <translation>遠端伺服器</translation>
        </message>
        <message>
            <location filename="../app/settings/declarations.py" line="511" />
            <source>On-premises OpenAI-compatible servers: id, url, display name, models, CA bundle and proxy. The CA bundle and proxy are honoured only when set by policy or site defaults. Access tokens are kept in the system keyring, never here.</source>
            <translation>機構內部與 OpenAI 相容的伺服器：編號、網址、顯示名稱、模型、CA 憑證及代理伺服器。CA 憑證及代理伺服器只在由管理政策或網站預設值設定時才會採用。存取權杖只存放在系統密碼庫，不會寫在這裏。</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="190" />
            <source>unknown policy value name</source>
            <translation>不明的管理政策值名稱</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="197" />
            <source>unknown setting</source>
            <translation>不明的設定</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="264" />
            <source>%1 (ignored)</source>
            <translation>%1（已略過）</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="268" />
            <source>only an administrator may set this (ignored)</source>
            <translation>只有管理員可以設定此項（已略過）</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="277" />
            <source>invalid value in %1</source>
            <translation>%1 中的值無效</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="279" />
            <source>%1; failing closed</source>
            <translation>%1；已採用最安全的值</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="283" />
            <source>%1; ignored</source>
            <translation>%1；已略過</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="303" />
            <source>the file must hold one JSON object of setting names and values</source>
            <translation>檔案必須包含一個由設定名稱及值組成的 JSON 物件</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="327" />
            <source>cannot list policy folder: %1</source>
            <translation>無法列出管理政策資料夾：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="333" />
            <location filename="../app/settings/sources.py" line="411" />
            <source>refused: %1</source>
            <translation>已拒絕：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="338" />
            <source>unreadable or malformed policy: %1</source>
            <translation>無法讀取或格式有誤的管理政策：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="350" />
            <source>cannot read policy key: %1</source>
            <translation>無法讀取管理政策登錄機碼：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="362" />
            <source>policy could not be read: %1</source>
            <translation>無法讀取管理政策：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="383" />
            <source>cannot read installer key: %1</source>
            <translation>無法讀取安裝程式登錄機碼：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="418" />
            <source>unreadable or malformed site defaults: %1</source>
            <translation>無法讀取或格式有誤的機構預設值：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="428" />
            <source>cannot read site defaults key: %1</source>
            <translation>無法讀取機構預設值登錄機碼：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="444" />
            <source>unreadable or malformed settings file: %1</source>
            <translation>無法讀取或格式有誤的設定檔：%1</translation>
        </message>
        <message>
            <location filename="../app/settings/sources.py" line="468" />
            <source>unknown setting (ignored)</source>
            <translation>不明的設定（已略過）</translation>
        </message>
        <message>
            <location filename="../app/settings/store.py" line="72" />
            <source>Managed by your organisation (policy unreadable; safest value used)</source>
            <translation>由貴機構管理（無法讀取管理政策；已採用最安全的值）</translation>
        </message>
        <message>
            <location filename="../app/settings/store.py" line="74" />
            <source>Managed by your organisation</source>
            <translation>由貴機構管理</translation>
        </message>
        <message>
            <location filename="../app/settings/store.py" line="76" />
            <source>Set by your administrator</source>
            <translation>由管理員設定</translation>
        </message>
        <message>
            <location filename="../app/settings/store.py" line="169" />
            <source>'%1' is managed by your organisation and cannot be changed.</source>
            <translation>「%1」由貴機構管理，不可更改。</translation>
        </message>
        <message>
            <location filename="../app/settings/store.py" line="175" />
            <source>'%1' can only be set by an administrator.</source>
            <translation>「%1」只可由管理員設定。</translation>
        </message>
        <message>
            <source>Folder where imported models are copied; empty uses the user's data folder.</source>
            <translation type="vanished">匯入的模型會複製到此資料夾；留空則使用用戶的資料夾。</translation>
        </message>
        <message>
            <source>On-premises OpenAI-compatible servers: id, url, display name, models, CA bundle and proxy. Access tokens are kept in the system keyring, never here.</source>
            <translation type="vanished">機構內部與 OpenAI 相容的伺服器：編號、網址、顯示名稱、模型、CA 憑證及代理伺服器。存取權杖只存放在系統密碼庫，不會寫在這裏。</translation>
        </message>
        <message>
            <source>Path of the IT model catalogue (models.json); empty uses the standard location.</source>
            <translation type="vanished">資訊科技部門模型目錄（models.json）的路徑；留空則使用標準位置。</translation>
        </message>
        <message>
            <source>The organisation's presets.json (tasks with a system prompt, sampling, reply language and glossary; schema presets.schema.json). Empty uses presets.json beside the model catalogue. Its presets are locked; a file non-administrators can change is refused. Environment variables are expanded; the path must be absolute.</source>
            <translation type="vanished">機構的 presets.json（工作範本，包括系統提示、取樣設定、回覆語言及詞彙表；結構定義見 presets.schema.json）。留空則使用模型目錄旁的 presets.json。其中的範本已鎖定；非管理員可修改的檔案會被拒絕。路徑中的環境變數會被展開，而路徑必須為絕對路徑。</translation>
        </message>
        <message>
            <source>Threads used for generation; 0 uses the number of physical cores.</source>
            <translation type="vanished">生成回覆時使用的執行緒數目；0 表示按實體核心數目。</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="54" />
            <source>Appearance</source>
            <translation>外觀</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="55" />
            <location filename="../app/ui/settings_dialog.py" line="57" />
            <source>Chat</source>
            <translation>對話</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="56" />
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="58" />
            <source>Sampling</source>
            <translation>取樣</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="59" />
            <location filename="../app/ui/settings_dialog.py" line="60" />
            <source>Compute</source>
            <translation>運算</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="61" />
            <source>History</source>
            <translation>對話記錄</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="62" />
            <source>Models</source>
            <translation>模型管理</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="63" />
            <source>Remote servers</source>
            <translation>遠端伺服器</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="64" />
            <source>Terminology glossary</source>
            <translation>術語詞彙表</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="65" />
            <source>Audit log</source>
            <translation>審計記錄</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="66" />
            <source>Documents</source>
            <translation>文件</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="67" />
            <source>Task presets</source>
            <translation>工作範本</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="167" />
            <location filename="../app/ui/settings_dialog.py" line="168" />
            <location filename="../app/ui/settings_dialog.py" line="249" />
            <location filename="../app/ui/settings_dialog.py" line="279" />
            <location filename="../app/ui/settings_dialog.py" line="292" />
            <source>Settings</source>
            <translation>設定</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="169" />
            <source>All settings</source>
            <translation>所有設定</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="170" />
            <source>Find a setting (English or Chinese)</source>
            <translation>搜尋設定（中文或英文）</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="171" />
            <source>Find a setting</source>
            <translation>搜尋設定</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="172" />
            <source>Shows only the settings whose name or description contains these words, in any language</source>
            <translation>只顯示名稱或說明包含這些字詞的設定（任何語言）</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="174" />
            <source>Find a setting by name or description, in English or Chinese (Ctrl+F)</source>
            <translation>以名稱或說明搜尋設定，可用中文或英文（Ctrl+F）</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="175" />
            <source>No setting matches this search.</source>
            <translation>沒有符合搜尋的設定。</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="177" />
            <source>Clear search</source>
            <translation>清除搜尋</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="196" />
            <source>Takes effect after a restart.</source>
            <translation>重新啟動後生效。</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="250" />
            <source>%1 was not changed: %2</source>
            <translation>%1 沒有更改：%2</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="280" />
            <source>The access token for %1 was not saved: %2</source>
            <translation>%1 的存取權杖未能儲存：%2</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_dialog.py" line="293" />
            <source>These changes take effect after Bauhinia restarts: %1</source>
            <translation>以下更改會在紫荊助手重新啟動後生效：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="30" />
            <source>Follow the system</source>
            <translation>跟隨系統</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="31" />
            <source>Same language as the question</source>
            <translation>與提問相同的語言</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="32" />
            <source>Light</source>
            <translation>淺色</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="33" />
            <source>Dark</source>
            <translation>深色</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="34" />
            <source>Required</source>
            <translation>必須加密</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="35" />
            <source>When possible</source>
            <translation>盡可能加密</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="36" />
            <source>Off</source>
            <translation>關閉</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="37" />
            <source>Do not keep history</source>
            <translation>不保留記錄</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="38" />
            <source>Ask for a passphrase</source>
            <translation>要求輸入密碼短語</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_editors.py" line="39" />
            <source>Unencrypted, with a warning</source>
            <translation>不加密並顯示警告</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_models.py" line="51" />
            <source>Catalogue default (%1)</source>
            <translation>目錄預設（%1）</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_models.py" line="52" />
            <source>Catalogue default</source>
            <translation>目錄預設</translation>
        </message>
        <message>
            <location filename="../app/ui/settings_models.py" line="57" />
            <source>%1 (not in the catalogue)</source>
            <translation>%1（不在目錄中）</translation>
        </message>
    </context>
    <context>
        <name>Sidebar</name>
        <message>
            <location filename="../app/ui/sidebar.py" line="350" />
            <location filename="../app/ui/sidebar.py" line="351" />
            <source>New chat</source>
            <translation>新對話</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="352" />
            <source>Start a new conversation (Ctrl+N)</source>
            <translation>開始新對話（Ctrl+N）</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="353" />
            <source>Search conversations (Ctrl+K)</source>
            <translation>搜尋對話（Ctrl+K）</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="354" />
            <source>Search conversations</source>
            <translation>搜尋對話</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="355" />
            <source>Searches every conversation as you type; Down moves to the results, Enter opens the first</source>
            <translation>輸入時即搜尋所有對話；按向下鍵移到結果，按 Enter 開啟第一個結果</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="358" />
            <source>Clear search</source>
            <translation>清除搜尋</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="359" />
            <source>Conversations</source>
            <translation>對話</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="360" />
            <source>Enter opens a conversation, F2 renames it, Delete deletes it; the context menu pins and archives</source>
            <translation>按 Enter 開啟對話，F2 重新命名，Delete 刪除；右鍵選單可置頂及封存</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="362" />
            <source>Conversation deleted.</source>
            <translation>已刪除對話。</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="363" />
            <source>Undo</source>
            <translation>復原</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="364" />
            <source>Undo delete</source>
            <translation>復原刪除</translation>
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
            <translation>已置頂</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="381" />
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="382" />
            <source>Yesterday</source>
            <translation>昨日</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="383" />
            <source>Previous 7 days</source>
            <translation>過去 7 日</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="384" />
            <source>Previous 30 days</source>
            <translation>過去 30 日</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="471" />
            <source>Conversation actions</source>
            <translation>對話操作</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="472" />
            <source>Rename…</source>
            <translation>重新命名…</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="474" />
            <source>Pin</source>
            <translation>置頂</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="474" />
            <source>Unpin</source>
            <translation>取消置頂</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="476" />
            <source>Archive</source>
            <translation>封存</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="478" />
            <source>Delete</source>
            <translation>刪除</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="489" />
            <source>New name:</source>
            <translation>新名稱：</translation>
        </message>
        <message>
            <location filename="../app/ui/sidebar.py" line="489" />
            <source>Rename conversation</source>
            <translation>重新命名對話</translation>
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
            <translation>來源</translation>
        </message>
        <message>
            <location filename="../app/ui/citations.py" line="60" />
            <source>The numbered passages the reply was given; arrow keys choose one</source>
            <translation>回覆所用的已編號段落；用方向鍵選擇</translation>
        </message>
        <message>
            <location filename="../app/ui/citations.py" line="62" />
            <source>Excerpt</source>
            <translation>摘錄</translation>
        </message>
        <message>
            <location filename="../app/ui/citations.py" line="63" />
            <source>The text of the chosen source</source>
            <translation>所選來源的文字</translation>
        </message>
        <message>
            <location filename="../app/ui/citations.py" line="82" />
            <source>No excerpt was kept for this source (replies from earlier versions keep only the file and page). Open the file to read it.</source>
            <translation>此來源沒有保存摘錄（較早版本的回覆只保存檔案及頁碼）。請開啟檔案閱讀。</translation>
        </message>
        <message>
            <source>The excerpt is not kept with the history (only the file and page are). Open the file to read it.</source>
            <translation type="vanished">記錄中不保存摘錄（只保存檔案及頁碼）。請開啟檔案閱讀。</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <location filename="../app/ui/status.py" line="64" />
            <source>Model in use</source>
            <translation>使用中的模型</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="65" />
            <source>Backend and device</source>
            <translation>後端及裝置</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="66" />
            <source>Speed of the last reply</source>
            <translation>上一次回覆的速度</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="67" />
            <source>Context used</source>
            <translation>已用上下文</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="68" />
            <source>Model loading progress</source>
            <translation>模型載入進度</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="69" />
            <source>Document library indexing</source>
            <translation>文件庫索引</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="70" />
            <source>Library %p%</source>
            <translation>文件庫 %p%</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="71" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="72" />
            <source>Cancel loading</source>
            <translation>取消載入</translation>
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
            <translation>無</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="84" />
            <source>%1 on %2</source>
            <translation>%1（%2）</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="85" />
            <source>Backend: %1</source>
            <translation>後端：%1</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="86" />
            <source>%1 tokens/s</source>
            <translation>每秒 %1 個記號</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="91" />
            <source>Context %p%</source>
            <translation>上下文 %p%</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="93" />
            <source>%1 of %2 tokens of context used</source>
            <translation>已使用上下文 %2 個記號中的 %1 個</translation>
        </message>
        <message>
            <location filename="../app/ui/status.py" line="96" />
            <source>The context is nearly full: older messages will be left out. Start a new chat to keep everything in view.</source>
            <translation>上下文快將用盡：較早的訊息會被略去。如要保留全部內容，請開始新對話。</translation>
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
            <translation>術語檢查</translation>
        </message>
        <message>
            <location filename="../app/ui/term_check_view.py" line="45" />
            <source>The reply uses every approved term (%1).</source>
            <translation>回覆已使用所有核准譯名（%1 個）。</translation>
        </message>
        <message>
            <location filename="../app/ui/term_check_view.py" line="49" />
            <source>The reply does not use these approved terms:</source>
            <translation>回覆未有使用以下核准譯名：</translation>
        </message>
    </context>
    <context>
        <name>TranscriptView</name>
        <message>
            <location filename="../app/ui/transcript.py" line="107" />
            <source>Conversation</source>
            <translation>對話</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="109" />
            <source>Copy code</source>
            <translation>複製程式碼</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="110" />
            <source>Thinking…</source>
            <translation>思考中…</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="111" />
            <source>Thinking (%1 s)</source>
            <translation>思考過程（%1 秒）</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="112" />
            <source>Image not loaded: %1</source>
            <translation>沒有載入圖像：%1</translation>
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
            <translation>已停止。已生成的文字會保留。</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="120" />
            <source>Interrupted: the application closed while this reply was written.</source>
            <translation>已中斷：撰寫這個回覆時應用程式關閉了。</translation>
        </message>
        <message>
            <location filename="../app/ui/transcript.py" line="121" />
            <source>The reply failed: %1</source>
            <translation>回覆失敗：%1</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <location filename="../app/ui/welcome.py" line="62" />
            <source>Welcome to Bauhinia 紫荊助手</source>
            <translation>歡迎使用紫荊助手 Bauhinia</translation>
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="63" />
            <source>Bauhinia answers, drafts, summarises and translates entirely on this computer: nothing you type leaves it. To start, it needs a language model file (GGUF).</source>
            <translation>紫荊助手完全在這部電腦上回答問題、草擬、撮要及翻譯：你輸入的內容不會離開這部電腦。開始使用前，需要一個語言模型檔案（GGUF）。</translation>
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="66" />
            <source>Models approved by your IT department appear in the model list at the top once IT has set up the catalogue. If the list is empty, ask IT which model to use.</source>
            <translation>資訊科技部門設定好模型目錄後，獲批准的模型會在頂部的模型清單中出現。如清單是空的，請向資訊科技部門查詢應使用哪個模型。</translation>
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="69" />
            <source>Import a GGUF model file…</source>
            <translation>匯入 GGUF 模型檔案…</translation>
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="70" />
            <source>Import a GGUF model file</source>
            <translation>匯入 GGUF 模型檔案</translation>
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="71" />
            <source>Your organisation does not allow importing model files; models come from the IT catalogue.</source>
            <translation>貴機構不准許匯入模型檔案；模型來自資訊科技部門的目錄。</translation>
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="73" />
            <location filename="../app/ui/welcome.py" line="74" />
            <source>Try the diagnostic model</source>
            <translation>試用診斷模型</translation>
        </message>
        <message>
            <location filename="../app/ui/welcome.py" line="75" />
            <source>The diagnostic model checks this installation: any message gets a report on device, speed, history encryption and keyring.</source>
            <translation>診斷模型用來檢查這個安裝：傳送任何訊息，它都會回覆一份報告，列出裝置、速度、記錄加密及系統密碼庫的狀態。</translation>
        </message>
        <message>
            <source>The diagnostic model checks that this installation works. Send it any message: it answers with a report of the device the model runs on, its speed, whether your history is encrypted and the keyring. It does not answer questions.</source>
            <translation type="vanished">診斷模型用來檢查這個安裝是否正常。傳送任何訊息給它，它會回覆一份報告：模型在哪個裝置上運行、速度、對話記錄是否已加密，以及系統密碼庫的狀態。它不會回答問題。</translation>
        </message>
        <message>
            <source>The diagnostic model only checks that this installation works. Its replies are random text, not answers.</source>
            <translation type="vanished">診斷模型只用來檢查這個安裝是否正常。它的回覆只是隨機文字，並不是答案。</translation>
        </message>
    </context>
</TS>
