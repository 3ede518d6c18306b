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
 * - the video button puts a video of the video library at the cursor
 *   (a <video> the public page turns into the player: videos/markup.py);
 * - the embed button takes a YouTube, Facebook, TikTok or Google Maps
 *   address, asks the server for the iframe (articles/embeds.py) and puts it
 *   at the cursor; any other address goes in as a plain link.
 *
 * Loaded by configurable.js through settings.DJANGO_PROSE_EDITOR_EXTENSIONS;
 * enabled by the "NewsroomEditor" entry of articles.forms.PROSE_EDITOR_CONFIG,
 * which gives the library's addresses (images/picker.py).
 */
import { crel, Extension, Node, updateAttrsDialog } from "django-prose-editor/editor"

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
  libraryVideo: t("Chèn video từ thư viện video"),
  embed: t("Chèn video YouTube, Facebook, TikTok hoặc bản đồ Google Maps"),
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

/* A library video in the body: stored as <video src poster title>, shown in
 * the editor as its poster and title. */
const LibraryVideo = Node.create({
  name: "libraryVideo",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return { src: { default: null }, poster: { default: null }, title: { default: "" } }
  },
  parseHTML() {
    return [{ tag: "video[src]" }]
  },
  renderHTML({ HTMLAttributes }) {
    return ["video", { ...HTMLAttributes, controls: "", preload: "none" }]
  },
  addNodeView() {
    return ({ node }) => {
      const dom = crel("figure", { className: "editor-media editor-video", contentEditable: "false" }, [
        node.attrs.poster ? crel("img", { src: node.attrs.poster, alt: "", width: 240 }) : crel("span"),
        crel("figcaption", { textContent: fmt("Video: %(title)s", { title: node.attrs.title || node.attrs.src }) }),
      ])
      return { dom }
    }
  },
})

/* An allow-listed embed: an <iframe> whose address the server built; the
 * sanitiser adds its sandbox and permissions. Shown in the editor as a box
 * naming the provider, so nothing loads from it while writing. */
const Embed = Node.create({
  name: "embed",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return { src: { default: null }, title: { default: "" } }
  },
  parseHTML() {
    return [{ tag: "iframe[src]" }]
  },
  renderHTML({ HTMLAttributes }) {
    return ["iframe", HTMLAttributes]
  },
  addNodeView() {
    return ({ node }) => {
      let host = node.attrs.src
      try {
        host = new URL(node.attrs.src).hostname
      } catch (_error) {
        // leave the address as it is
      }
      const dom = crel("div", { className: "editor-media editor-embed", contentEditable: "false" }, [
        crel("strong", { textContent: fmt("Nội dung nhúng: %(title)s", { title: node.attrs.title || host }) }),
        crel("span", { textContent: ` (${host})` }),
      ])
      return { dom }
    }
  },
})

/* The video library's dialog: the newest ready videos first, searched by
 * title; resolves with the chosen one or null. */
function pickVideo(editor, options) {
  return new Promise((resolve) => {
    let result = null
    let timer = null
    const search = crel("input", { type: "search", name: "q", size: 40 })
    const results = crel("ul", { className: "library-results" })
    const state = crel("p", { className: "library-state", role: "status" })
    const cancel = crel("button", { type: "button", textContent: t("Hủy") })
    const form = crel("form", { method: "dialog" }, [
      crel("h3", { className: "prose-editor-dialog-title", textContent: t("Chèn video từ thư viện video") }),
      crel("label", { className: "library-search" }, [t("Tìm video theo tên: "), search]),
      state,
      results,
      crel("div", { className: "prose-editor-dialog-buttons" }, [cancel]),
    ])
    const dialog = crel("dialog", { className: "prose-editor-dialog library-picker" }, [form])
    dialog.setAttribute("aria-label", t("Chèn video từ thư viện video"))
    const holder = crel("div", {}, [dialog])
    editor.view.dom.parentElement.append(holder)

    async function load() {
      state.textContent = t("Đang tìm…")
      try {
        const url = new URL(options.videoPickerUrl, window.location.href)
        url.searchParams.set("q", search.value.trim())
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        const answer = await response.json()
        if (!response.ok) throw new Error(answer.message || response.statusText)
        results.textContent = ""
        for (const video of answer.results) {
          const button = crel("button", { type: "button", className: "library-image" }, [
            crel("img", { src: video.poster, alt: "", width: 160, loading: "lazy" }),
            crel("span", { className: "library-caption", textContent: video.title }),
            crel("span", { className: "library-meta", textContent: `${video.length} · ${video.uploadedAt}` }),
          ])
          button.addEventListener("click", () => {
            result = video
            dialog.close()
          })
          results.append(crel("li", {}, [button]))
        }
        state.textContent = answer.results.length
          ? t("Bấm vào một video để chèn vào bài.")
          : t("Không có video nào đã chuyển mã xong khớp với từ tìm.")
      } catch (error) {
        state.textContent = fmt("Không tải được thư viện video: %(error)s", { error: error.message })
      }
    }
    search.addEventListener("input", () => {
      window.clearTimeout(timer)
      timer = window.setTimeout(load, 250)
    })
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault()
    })
    cancel.addEventListener("click", () => dialog.close())
    dialog.addEventListener("close", () => {
      holder.remove()
      resolve(result)
    })
    dialog.showModal()
    search.focus()
    load()
  })
}

/* Ask for an address; the server says whether it is an allowed embed. */
function askEmbed(editor, options, from, to) {
  updateAttrsDialog(
    { url: { type: "string", title: t("Địa chỉ (YouTube, Facebook, TikTok, Google Maps)"), default: "" } },
    { title: t("Chèn video hoặc bản đồ nhúng"), submitText: t("Chèn vào bài") },
  )(editor, { url: "" }).then(async (attrs) => {
    const address = attrs && attrs.url ? attrs.url.trim() : ""
    if (!address) {
      editor.commands.focus()
      return
    }
    const chain = () => editor.chain().focus().setTextSelection({ from, to })
    try {
      const url = new URL(options.embedUrl, window.location.href)
      url.searchParams.set("url", address)
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      const answer = await response.json()
      if (response.ok) {
        chain().insertContent({ type: "embed", attrs: { src: answer.src, title: answer.label } }).run()
        return
      }
      window.alert(answer.message || t("Không nhúng được địa chỉ này."))
    } catch (_error) {
      window.alert(t("Không kiểm tra được địa chỉ; sẽ chèn thành liên kết."))
    }
    if (/^https?:\/\//i.test(address)) {
      chain()
        .insertContent({ type: "text", text: address, marks: [{ type: "link", attrs: { href: address } }] })
        .run()
    }
  })
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
    return { pickerUrl: null, uploadUrl: null, videoPickerUrl: null, embedUrl: null }
  },

  addExtensions() {
    return [LibraryVideo, Embed]
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
      insertLibraryVideo:
        () =>
        ({ editor }) => {
          const { from, to } = editor.state.selection
          pickVideo(editor, this.options).then((video) => {
            if (!video) {
              editor.commands.focus()
              return
            }
            editor
              .chain()
              .focus()
              .setTextSelection({ from, to })
              .insertContent({ type: "libraryVideo", attrs: { src: video.src, poster: video.poster, title: video.title } })
              .run()
          })
          return true
        },
      insertEmbed:
        () =>
        ({ editor }) => {
          const { from, to } = editor.state.selection
          askEmbed(editor, this.options, from, to)
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
    if (this.options.videoPickerUrl) {
      menu.defineItem({
        name: "libraryVideo",
        groups: "nodes",
        priority: 89,
        command(editor) {
          editor.commands.insertLibraryVideo()
        },
        button: buttons.material("smart_display", labels.libraryVideo),
        option: crel("p", { textContent: labels.libraryVideo }),
      })
    }
    if (this.options.embedUrl) {
      menu.defineItem({
        name: "embed",
        groups: "nodes",
        priority: 88,
        command(editor) {
          editor.commands.insertEmbed()
        },
        button: buttons.material("video_library", labels.embed),
        option: crel("p", { textContent: labels.embed }),
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
