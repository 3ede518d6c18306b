/* The body editor (django-prose-editor) as Newsroom's editors use it:
 *
 * - every button and menu item of the toolbar is labelled in Vietnamese
 *   (the editor's dialogs already go through gettext: their Vietnamese is in
 *   locale/vi/LC_MESSAGES/djangojs.po);
 * - the picture button opens the image library: search by caption, newest
 *   first, thumbnails, or upload a new picture; the chosen one goes in at
 *   the cursor as a figure with its caption and credit. The public page
 *   shows it with the library's renditions (images/markup.py). The editor's
 *   own "insert an image by URL" dialog is not offered.
 *
 * Loaded by configurable.js through settings.DJANGO_PROSE_EDITOR_EXTENSIONS;
 * enabled by the "NewsroomEditor" entry of articles.forms.PROSE_EDITOR_CONFIG,
 * which gives the library's addresses (images/picker.py).
 */
import { crel, Extension, updateAttrsDialog } from "django-prose-editor/editor"

const t = (s) => (window.gettext ? window.gettext(s) : s)
const fmt = (s, values) => (window.interpolate ? window.interpolate(t(s), values, true) : t(s))

// Menu items by name: [label of the button, label in a drop-down].
const LABELS = () => ({
  heading2: t("Tiêu đề phụ cấp 2"),
  heading3: t("Tiêu đề phụ cấp 3"),
  heading4: t("Tiêu đề phụ cấp 4"),
  paragraph: t("Đoạn văn"),
  bulletList: t("Danh sách gạch đầu dòng"),
  orderedList: t("Danh sách đánh số"),
  orderedListProperties: t("Kiểu đánh số"),
  blockquote: t("Trích dẫn"),
  horizontalRule: t("Đường kẻ ngang"),
  figure: t("Chèn ảnh từ thư viện ảnh"),
  bold: t("In đậm"),
  italic: t("In nghiêng"),
  underline: t("Gạch chân"),
  strike: t("Gạch ngang chữ"),
  subscript: t("Chỉ số dưới"),
  superscript: t("Chỉ số trên"),
  link: t("Chèn liên kết (chọn chữ trước)"),
  unlink: t("Bỏ liên kết"),
  table: t("Chèn bảng"),
  "table:addColumnAfter": t("Thêm cột"),
  "table:deleteColumn": t("Xóa cột"),
  "table:addRowAfter": t("Thêm hàng"),
  "table:deleteRow": t("Xóa hàng"),
  "table:mergeCells": t("Gộp ô"),
  "table:splitCell": t("Tách ô"),
  "table:toggleHeaderCell": t("Đổi ô thường / ô tiêu đề"),
  "table:deleteTable": t("Xóa bảng"),
  "history:undo": t("Hoàn tác"),
  "history:redo": t("Làm lại"),
  html: t("Sửa mã HTML"),
  fullscreen: t("Toàn màn hình"),
})

function relabel(item, label) {
  if (item.button) {
    item.button.title = label
    item.button.setAttribute("aria-label", label)
  }
  if (item.option) item.option.textContent = label
}

function csrfToken() {
  const input = document.querySelector("input[name=csrfmiddlewaretoken]")
  return input ? input.value : ""
}

/* The library dialog: resolves with the chosen image and its caption and
 * credit as the editor wants them in this article, or null. */
function pickFromLibrary(editor, options) {
  return new Promise((resolve) => {
    let chosen = null
    let nextPage = 1
    let query = ""
    let searchTimer = null
    let latest = 0 // answers to older searches are dropped

    const title = crel("h3", { className: "prose-editor-dialog-title", textContent: t("Chèn ảnh từ thư viện ảnh") })
    const search = crel("input", { type: "search", name: "q", size: 40, placeholder: t("Gõ chữ có trong chú thích") })
    const searchLabel = crel("label", { className: "library-search" }, [t("Tìm ảnh theo chú thích: "), search])
    const results = crel("ul", { className: "library-results" })
    const state = crel("p", { className: "library-state", role: "status" })
    const more = crel("button", { type: "button", className: "library-more", textContent: t("Xem thêm ảnh cũ hơn") })
    more.hidden = true

    const file = crel("input", { type: "file", name: "upload", accept: "image/jpeg,image/png,image/webp,image/gif" })
    const upCaption = crel("input", { type: "text", name: "caption", size: 50 })
    const upCredit = crel("input", { type: "text", name: "credit", size: 30, placeholder: t("Ảnh: Quang Long") })
    const upAlt = crel("input", { type: "text", name: "alt_text", size: 50 })
    const upButton = crel("button", { type: "button", textContent: t("Tải lên") })
    const upState = crel("p", { className: "library-state", role: "status" })
    const field = (label, input) => crel("div", { className: "prose-editor-dialog-field" }, [crel("label", {}, [label, input])])
    const upload = crel("details", { className: "library-upload" }, [
      crel("summary", { textContent: t("Tải ảnh mới lên thư viện") }),
      field(t("Tệp ảnh (JPEG, PNG, WebP, GIF)"), file),
      field(t("Chú thích"), upCaption),
      field(t("Nguồn ảnh"), upCredit),
      field(t("Mô tả cho người khiếm thị"), upAlt),
      upButton,
      upState,
    ])

    const caption = crel("input", { type: "text", name: "figure_caption", size: 60 })
    const credit = crel("input", { type: "text", name: "figure_credit", size: 30 })
    const preview = crel("img", { className: "library-chosen-image", alt: "" })
    const chosenBox = crel("fieldset", { className: "library-chosen" }, [
      crel("legend", { textContent: t("Ảnh sẽ chèn") }),
      preview,
      field(t("Chú thích trong bài"), caption),
      field(t("Nguồn ảnh"), credit),
    ])
    chosenBox.hidden = true

    const insert = crel("button", { type: "submit", className: "default", textContent: t("Chèn vào bài") })
    insert.disabled = true
    const cancel = crel("button", { type: "button", value: "cancel", textContent: t("Hủy") })
    const form = crel("form", { method: "dialog" }, [
      title,
      searchLabel,
      state,
      results,
      more,
      upload,
      chosenBox,
      crel("div", { className: "prose-editor-dialog-buttons" }, [insert, cancel]),
    ])
    const dialog = crel("dialog", { className: "prose-editor-dialog library-picker" }, [form])
    dialog.setAttribute("aria-label", t("Chèn ảnh từ thư viện ảnh"))
    const holder = crel("div", {}, [dialog])
    editor.view.dom.parentElement.append(holder)

    function choose(image, button) {
      chosen = image
      for (const other of results.querySelectorAll("button[aria-pressed]")) other.setAttribute("aria-pressed", "false")
      if (button) button.setAttribute("aria-pressed", "true")
      preview.src = image.thumb
      caption.value = image.caption
      credit.value = image.credit
      chosenBox.hidden = false
      insert.disabled = false
    }

    function show(image, first) {
      const button = crel("button", { type: "button", className: "library-image" }, [
        crel("img", { src: image.thumb, alt: "", width: 160, height: image.thumbHeight, loading: "lazy" }),
        crel("span", { className: "library-caption", textContent: image.caption || t("(chưa có chú thích)") }),
        crel("span", { className: "library-meta", textContent: `${image.credit} · ${image.uploadedAt}` }),
      ])
      button.setAttribute("aria-pressed", "false")
      button.dataset.id = image.id
      button.addEventListener("click", () => choose(image, button))
      const item = crel("li", {}, [button])
      if (first) results.prepend(item)
      else results.append(item)
      return button
    }

    async function load(reset) {
      const ticket = ++latest
      if (reset) nextPage = 1
      state.textContent = t("Đang tìm…")
      try {
        const url = new URL(options.pickerUrl, window.location.href)
        url.searchParams.set("q", query)
        url.searchParams.set("trang", String(nextPage))
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        const answer = await response.json()
        if (!response.ok) throw new Error(answer.message || response.statusText)
        if (ticket !== latest) return
        if (reset) results.textContent = ""
        for (const image of answer.results) show(image)
        nextPage += 1
        more.hidden = !answer.more
        state.textContent = results.children.length
          ? fmt("%(n)s ảnh, mới nhất trước.", { n: results.children.length })
          : t("Không có ảnh nào khớp.")
      } catch (error) {
        state.textContent = fmt("Không tải được thư viện ảnh: %(error)s", { error: error.message })
      }
    }

    async function send() {
      if (!file.files.length) {
        upState.textContent = t("Hãy chọn một tệp ảnh.")
        return
      }
      const data = new FormData()
      data.append("upload", file.files[0])
      data.append("caption", upCaption.value)
      data.append("credit", upCredit.value)
      data.append("alt_text", upAlt.value)
      data.append("csrfmiddlewaretoken", csrfToken())
      upButton.disabled = true
      upState.textContent = t("Đang tải lên…")
      try {
        const response = await fetch(options.uploadUrl, {
          method: "POST",
          body: data,
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
        })
        const answer = await response.json().catch(() => ({}))
        if (!response.ok) {
          upState.textContent = answer.message || t("Không tải lên được.")
          return
        }
        upState.textContent = t("Đã thêm ảnh vào thư viện.")
        choose(answer.image, show(answer.image, true))
        upload.open = false
      } catch (error) {
        upState.textContent = fmt("Không tải lên được: %(error)s", { error: error.message })
      } finally {
        upButton.disabled = false
      }
    }

    search.addEventListener("input", () => {
      window.clearTimeout(searchTimer)
      searchTimer = window.setTimeout(() => {
        query = search.value.trim()
        load(true)
      }, 250)
    })
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault()
    })
    more.addEventListener("click", () => load(false))
    upButton.addEventListener("click", send)
    cancel.addEventListener("click", () => dialog.close())
    let result = null
    insert.addEventListener("click", (event) => {
      event.preventDefault()
      if (!chosen) return
      result = { image: chosen, caption: caption.value.trim(), credit: credit.value.trim() }
      dialog.close()
    })
    dialog.addEventListener("close", () => {
      holder.remove()
      resolve(result)
    })
    dialog.showModal()
    search.focus()
    load(true)
  })
}

function figureFor({ image, caption, credit }) {
  const content = [
    {
      type: "image",
      attrs: { src: image.src, alt: image.alt || "", width: image.width, height: image.height },
    },
  ]
  const text = [caption, credit].filter(Boolean).join(" ")
  if (text) content.push({ type: "caption", content: [{ type: "text", text }] })
  return { type: "figure", content }
}

/* The editor's "insert table" dialog offers "Yes"/"No" as the very values
 * it reads back, so it cannot be translated; this one asks the same in
 * Vietnamese. */
function insertTable(editor) {
  const yes = t("Có")
  const no = t("Không")
  updateAttrsDialog(
    {
      rows: { type: "number", title: t("Số hàng"), format: "number", default: "3", min: "1", max: "100" },
      cols: { type: "number", title: t("Số cột"), format: "number", default: "3", min: "1", max: "100" },
      withHeaderRow: { title: t("Có hàng tiêu đề"), enum: [no, yes], default: no },
    },
    { title: t("Chèn bảng"), submitText: t("Chèn bảng") },
  )(editor, { rows: "3", cols: "3", withHeaderRow: no }).then((attrs) => {
    if (!attrs) return
    editor
      .chain()
      .focus()
      .insertTable({
        rows: Number.parseInt(attrs.rows, 10) || 3,
        cols: Number.parseInt(attrs.cols, 10) || 3,
        withHeaderRow: attrs.withHeaderRow === yes,
      })
      .run()
  })
}

export const NewsroomEditor = Extension.create({
  name: "newsroomEditor",
  // Last of all, so that every other extension's menu items exist.
  priority: 1,

  addOptions() {
    return { pickerUrl: null, uploadUrl: null }
  },

  addCommands() {
    return {
      // Replaces the Table extension's command of the same name (this
      // extension comes last, so its commands win).
      insertTableWithOptions:
        () =>
        ({ editor }) => {
          insertTable(editor)
          return true
        },
      insertLibraryImage:
        () =>
        ({ editor }) => {
          // The selection is kept while the dialog is open: the figure goes
          // in where the cursor was.
          const { from, to } = editor.state.selection
          pickFromLibrary(editor, this.options).then((picked) => {
            if (!picked) {
              editor.commands.focus()
              return
            }
            editor.chain().focus().setTextSelection({ from, to }).insertContent(figureFor(picked)).run()
          })
          return true
        },
    }
  },

  addMenuItems({ menu, buttons, _definedItems }) {
    const labels = LABELS()
    if (this.options.pickerUrl) {
      menu.defineItem({
        name: "figure",
        groups: "nodes",
        priority: 90,
        command(editor) {
          editor.commands.insertLibraryImage()
        },
        button: buttons.material("add_photo_alternate", labels.figure),
        option: crel("p", { textContent: labels.figure }),
      })
    }
    for (const [name, item] of Object.entries(_definedItems)) {
      if (labels[name]) relabel(item, labels[name])
    }
  },

  onCreate() {
    // The block-type drop-down shows a "?" icon when no type applies; give
    // it a name too.
    const label = t("Kiểu đoạn văn")
    const name = (root) => {
      for (const button of root.querySelectorAll(".prose-menubar__selected button")) {
        if (!button.title) {
          button.title = label
          button.setAttribute("aria-label", label)
        }
      }
    }
    const root = this.editor.view.dom.parentElement
    name(root)
    this.editor.on("transaction", () => name(root))
  },
})
