/*
 * The sandbox chat client. It only talks to /sandbox/* (the same driving endpoints tests and scripts use):
 * what the person does becomes what Slack would send the bot, and what the bot sends is drawn with BlockKit.
 */
(function () {
  'use strict';

  const $ = id => document.getElementById(id);
  const state = {
    directory: { users: [], channels: [], bot: 'harbormaster' },
    slash: '/platform',
    specs: [],
    user: null,
    channel: null,
    messages: [],
    views: [],
    local: [],
    pending: null,
    thread: null,
    rendered: new Map(),
    modalKey: null,
    completion: { items: [], index: -1 }
  };

  // ---- talking to the sandbox -------------------------------------------------------------------

  async function api(method, path, body) {
    const options = { method: method, headers: {} };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, options);
    } catch (e) {
      toast('The sandbox did not answer: is Harbormaster still running?');
      throw e;
    }
    let json = null;
    try { json = await response.json(); } catch (notJson) { json = null; }
    return { status: response.status, json: json };
  }

  function toast(text) {
    const node = $('toast');
    node.textContent = text;
    node.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { node.hidden = true; }, 8000);
  }

  // ---- the directory ----------------------------------------------------------------------------

  const userById = id => state.directory.users.find(u => u.id === id);
  const channelById = id => state.directory.channels.find(c => c.id === id);
  const currentChannel = () => state.directory.channels.find(c => c.name === state.channel);

  function blockContext(extra) {
    return Object.assign({
      userName: id => { const u = userById(id); return u ? u.name : (id === 'UHARBORMASTER' ? state.directory.bot : null); },
      channelName: id => { const c = channelById(id); return c ? (c.im ? 'direct message' : c.name) : null; },
      users: () => state.directory.users,
      channels: () => state.directory.channels.filter(c => !c.im),
      confirm: confirmDialog
    }, extra);
  }

  function remember() {
    const params = new URLSearchParams({ user: state.user, channel: state.channel });
    history.replaceState(null, '', '/sandbox?' + params.toString());
  }

  function renderSidebar() {
    const select = $('acting-user');
    if (!select.options.length) {
      state.directory.users.forEach(u => {
        const option = document.createElement('option');
        option.value = u.name;
        option.textContent = u.name + ' \u2014 ' + (u.title || u.real_name) + (u.admin ? ' (admin)' : '');
        select.appendChild(option);
      });
    }
    select.value = state.user;
    const me = state.directory.users.find(u => u.name === state.user);
    $('acting-title').textContent = me ? me.real_name + (me.email ? ' \u00B7 ' + me.email : '') : '';
    const list = (node, channels, label) => {
      node.textContent = '';
      channels.forEach(channel => {
        const item = document.createElement('li');
        const link = document.createElement('button');
        link.type = 'button';
        link.className = 'conversation' + (channel.name === state.channel ? ' active' : '');
        link.textContent = label(channel);
        link.dataset.channel = channel.name;
        if (channel.name === state.channel) link.setAttribute('aria-current', 'page');
        link.addEventListener('click', () => switchChannel(channel.name));
        item.appendChild(link);
        node.appendChild(item);
      });
    };
    list($('channel-list'), state.directory.channels.filter(c => !c.im), c => (c.private ? '\uD83D\uDD12 ' : '# ') + c.name);
    list($('dm-list'), state.directory.channels.filter(c => c.im && c.name === 'dm-' + state.user), () => '\u25CF ' + state.directory.bot + ' (app)');
    const channel = currentChannel();
    $('channel-title').textContent = channel && channel.im ? state.directory.bot : '#' + state.channel;
    $('channel-topic').textContent = channel && channel.im ? 'Direct messages between you and the bot'
      : (channel && channel.topic ? channel.topic : '') + (channel ? ' \u00B7 ' + channel.members.length + ' members' : '');
    $('composer-input').placeholder = 'Message ' + (channel && channel.im ? state.directory.bot : '#' + state.channel)
      + ' \u2014 type ' + state.slash + ' help';
  }

  function switchChannel(name) {
    state.channel = name;
    state.thread = null;
    state.local = [];
    remember();
    renderSidebar();
    clearMessages();
    refresh();
    $('composer-input').focus();
  }

  function switchUser(name) {
    state.user = name;
    if (state.channel.startsWith('dm-')) state.channel = 'dm-' + name;
    state.thread = null;
    state.local = [];
    state.modalKey = null;
    remember();
    renderSidebar();
    clearMessages();
    refresh();
  }

  // ---- messages ---------------------------------------------------------------------------------

  function clearMessages() {
    state.rendered.clear();
    $('messages').textContent = '';
    $('thread').hidden = true;
  }

  function time(ts) {
    const date = new Date(parseFloat(ts) * 1000);
    return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function avatar(name, bot) {
    const node = document.createElement('div');
    node.className = 'avatar' + (bot ? ' avatar-bot' : '');
    node.textContent = bot ? '\u2693' : (name || '?').charAt(0).toUpperCase();
    node.setAttribute('aria-hidden', 'true');
    return node;
  }

  function messageNode(message, replies, inThread) {
    const node = document.createElement('article');
    node.className = 'message' + (message.ephemeral_to ? ' ephemeral' : '') + (message.local ? ' local' : '');
    node.dataset.ts = message.ts;
    const bot = message.user === state.directory.bot || message.local;
    node.appendChild(avatar(message.user, bot));
    const body = document.createElement('div');
    body.className = 'message-body';
    const meta = document.createElement('div');
    meta.className = 'message-meta';
    const author = document.createElement('span');
    author.className = 'author';
    author.textContent = message.local ? 'Slackbot' : message.user;
    meta.appendChild(author);
    if (bot) {
      const badge = document.createElement('span');
      badge.className = 'app-badge';
      badge.textContent = 'APP';
      meta.appendChild(badge);
    }
    const when = document.createElement('time');
    when.textContent = time(message.ts);
    meta.appendChild(when);
    body.appendChild(meta);
    if (message.ephemeral_to) {
      const note = document.createElement('div');
      note.className = 'ephemeral-note';
      note.textContent = 'Only visible to you';
      body.appendChild(note);
    }
    const content = document.createElement('div');
    content.className = 'message-content';
    const ctx = blockContext({ onAction: action => clickInMessage(message, action), form: false });
    if (message.blocks && message.blocks.length) content.appendChild(BlockKit.renderBlocks(message.blocks, ctx));
    else {
      const text = document.createElement('div');
      text.className = 'message-text';
      text.appendChild(BlockKit.mrkdwn(message.text, ctx));
      content.appendChild(text);
    }
    if (message.edited) {
      const edited = document.createElement('span');
      edited.className = 'edited';
      edited.textContent = '(edited)';
      content.appendChild(edited);
    }
    body.appendChild(content);
    if (replies && replies.length && !inThread) {
      const link = document.createElement('button');
      link.type = 'button';
      link.className = 'replies';
      link.textContent = replies.length === 1 ? '1 reply' : replies.length + ' replies';
      link.addEventListener('click', () => openThread(message.ts));
      body.appendChild(link);
    }
    node.appendChild(body);
    return node;
  }

  function repliesOf(ts) {
    return state.messages.filter(m => m.thread_ts === ts && m.ts !== ts);
  }

  function renderMessages() {
    const list = $('messages');
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
    const before = list.children.length;
    const top = state.messages.filter(m => !m.thread_ts || m.thread_ts === m.ts)
      .concat(state.local.filter(m => m.channel === state.channel))
      .sort((a, b) => parseFloat(a.ts) - parseFloat(b.ts));
    const seen = new Set();
    const nodes = top.map(message => {
      const replies = repliesOf(message.ts);
      const signature = JSON.stringify(message) + '|' + replies.length;
      seen.add(message.ts);
      const known = state.rendered.get(message.ts);
      if (known && known.signature === signature) return known.node;
      const node = messageNode(message, replies, false);
      state.rendered.set(message.ts, { signature: signature, node: node });
      return node;
    });
    Array.from(state.rendered.keys()).forEach(ts => { if (!seen.has(ts)) state.rendered.delete(ts); });
    if (state.pending) nodes.push(pendingNode(state.pending));
    if (nodes.length === 0) nodes.push(emptyNode());
    nodes.forEach((node, index) => {
      if (list.children[index] !== node) list.insertBefore(node, list.children[index] || null);
    });
    while (list.children.length > nodes.length) list.removeChild(list.lastChild);
    if (nearBottom || list.children.length > before) list.scrollTop = list.scrollHeight;
    renderThread();
  }

  function pendingNode(text) {
    const node = document.createElement('div');
    node.className = 'pending';
    node.textContent = '\u23F3 ' + text;
    return node;
  }

  function emptyNode() {
    const node = document.createElement('div');
    node.className = 'empty';
    const channel = currentChannel();
    node.textContent = 'Nothing here yet. Type ' + state.slash + ' help below to see what ' + state.directory.bot
      + ' can do' + (channel && channel.im ? '.' : ' in #' + state.channel + '.');
    return node;
  }

  function openThread(ts) {
    state.thread = ts;
    renderThread();
    const close = $('thread-close');
    close.focus();
  }

  function renderThread() {
    const panel = $('thread');
    const parent = state.thread && state.messages.find(m => m.ts === state.thread);
    if (!parent) { panel.hidden = true; return; }
    panel.hidden = false;
    const list = $('thread-messages');
    list.textContent = '';
    list.appendChild(messageNode(parent, [], true));
    const replies = repliesOf(parent.ts);
    const count = document.createElement('div');
    count.className = 'thread-count';
    count.textContent = replies.length === 1 ? '1 reply' : replies.length + ' replies';
    list.appendChild(count);
    replies.forEach(reply => list.appendChild(messageNode(reply, [], true)));
  }

  async function clickInMessage(message, action) {
    if (message.local) return;
    const result = await api('POST', '/sandbox/click', {
      user: state.user, channel: state.channel, ts: message.ts, action_id: action.actionId, value: action.value
    });
    reportBotAnswer(result, 'clicking ' + (action.element.text ? action.element.text.text : action.actionId));
    refresh();
  }

  function reportBotAnswer(result, what) {
    if (result.status !== 200) {
      toast('The sandbox could not do that (' + what + '): ' + (result.json && result.json.error ? result.json.error : 'HTTP ' + result.status));
      return false;
    }
    if (result.json && result.json.status && result.json.status !== 200) {
      toast('The bot answered HTTP ' + result.json.status + ' to ' + what + '; Slack would show "This app responded with an error".');
      return false;
    }
    return true;
  }

  // ---- the composer -----------------------------------------------------------------------------

  function localNote(text) {
    state.local.push({ ts: String(Date.now() / 1000), channel: state.channel, user: 'Slackbot', text: text,
      blocks: [], ephemeral_to: state.user, edited: false, local: true });
    renderMessages();
  }

  async function send() {
    const input = $('composer-input');
    const text = input.value.trim();
    if (!text) return;
    hideCompletion();
    if (!text.startsWith('/')) {
      input.value = '';
      localNote('The sandbox sends slash commands to the bot, not chat messages. Try `' + state.slash + ' help`.');
      return;
    }
    const space = text.search(/\s/);
    const command = space < 0 ? text : text.slice(0, space);
    const argumentsText = space < 0 ? '' : text.slice(space + 1).trim();
    input.value = '';
    autosize();
    state.pending = 'Sending ' + text;
    renderMessages();
    try {
      const result = await api('POST', '/sandbox/command', { user: state.user, channel: state.channel, command: command, text: argumentsText });
      if (result.status !== 200) {
        localNote(command + ' could not be sent: ' + (result.json && result.json.error ? result.json.error : 'HTTP ' + result.status));
      } else if (result.json.status !== 200) {
        localNote(command + ' failed with the error "' + (result.json.status === 404 ? 'dispatch_failed' : 'http_' + result.json.status)
          + '": the bot answered HTTP ' + result.json.status + '.');
      }
    } finally {
      state.pending = null;
      await refresh();
    }
  }

  function specMatches(spec, words) {
    return [spec.name].concat(spec.aliases || []).some(name => name.startsWith(words));
  }

  function completions(text) {
    const match = text.match(/^(\/\S*)(?:\s+([\s\S]*))?$/);
    if (!match) return { items: [], spec: null };
    const command = match[1];
    const rest = match[2];
    if (rest === undefined) {
      if (!state.slash.startsWith(command)) return { items: [], spec: null };
      return { items: state.specs.map(spec => ({ spec: spec, fill: state.slash + ' ' + spec.name + ' ' })), spec: null };
    }
    if (command !== state.slash) return { items: [], spec: null };
    const typed = rest.replace(/\s+/g, ' ');
    const spec = state.specs.filter(s => [s.name].concat(s.aliases || []).some(n => typed === n || typed.startsWith(n + ' ')))
      .sort((a, b) => b.name.length - a.name.length)[0] || null;
    const words = typed.trimEnd();
    const items = state.specs.filter(s => specMatches(s, words) && !(spec && (s.name === spec.name || words.startsWith(s.name + ' '))))
      .map(s => ({ spec: s, fill: state.slash + ' ' + s.name + ' ' }));
    return { items: items, spec: spec };
  }

  function hideCompletion() {
    state.completion = { items: [], index: -1 };
    $('autocomplete').hidden = true;
    $('composer-input').setAttribute('aria-expanded', 'false');
    renderHint(null);
  }

  function renderCompletion() {
    const input = $('composer-input');
    const found = completions(input.value);
    const box = $('autocomplete');
    state.completion = { items: found.items, index: Math.min(state.completion.index, found.items.length - 1) };
    box.textContent = '';
    found.items.forEach((item, index) => {
      const row = document.createElement('div');
      row.className = 'completion' + (index === state.completion.index ? ' selected' : '');
      row.setAttribute('role', 'option');
      row.id = 'completion-' + index;
      row.setAttribute('aria-selected', String(index === state.completion.index));
      const usage = document.createElement('span');
      usage.className = 'completion-usage';
      usage.textContent = state.slash + ' ' + item.spec.usage;
      const summary = document.createElement('span');
      summary.className = 'completion-summary';
      summary.textContent = item.spec.summary;
      row.appendChild(usage);
      row.appendChild(summary);
      row.addEventListener('mousedown', event => { event.preventDefault(); accept(index); });
      box.appendChild(row);
    });
    box.hidden = found.items.length === 0;
    input.setAttribute('aria-expanded', String(!box.hidden));
    if (state.completion.index >= 0) input.setAttribute('aria-activedescendant', 'completion-' + state.completion.index);
    else input.removeAttribute('aria-activedescendant');
    renderHint(found.spec);
  }

  function renderHint(spec) {
    const hint = $('hint');
    hint.textContent = '';
    if (!spec) { hint.hidden = true; return; }
    const usage = document.createElement('div');
    usage.className = 'hint-usage';
    usage.textContent = state.slash + ' ' + spec.usage;
    hint.appendChild(usage);
    const lines = (spec.arguments || []).map(a => ['<' + a.name + '>' + (a.required ? '' : ' (optional)'), a.description])
      .concat((spec.options || []).map(o => ['--' + o.name + (o.type === 'flag' ? '' : ' <' + (o.values && o.values.length ? o.values.join('|') : o.type) + '>'),
        o.description + (o.default ? ' Default ' + o.default + '.' : '')]));
    lines.forEach(([name, description]) => {
      const row = document.createElement('div');
      row.className = 'hint-row';
      const code = document.createElement('code');
      code.textContent = name;
      row.appendChild(code);
      row.appendChild(document.createTextNode(' ' + (description || '')));
      hint.appendChild(row);
    });
    if (spec.examples && spec.examples.length) {
      const row = document.createElement('div');
      row.className = 'hint-row hint-examples';
      row.textContent = 'e.g. ' + spec.examples.map(e => state.slash + ' ' + e).join('   ');
      hint.appendChild(row);
    }
    hint.hidden = false;
  }

  function accept(index) {
    const item = state.completion.items[index];
    if (!item) return;
    const input = $('composer-input');
    input.value = item.fill;
    input.focus();
    state.completion.index = -1;
    renderCompletion();
  }

  function autosize() {
    const input = $('composer-input');
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight, 200) + 'px';
  }

  function composerKeys(event) {
    const items = state.completion.items;
    const open = !$('autocomplete').hidden && items.length > 0;
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      state.completion.index = (state.completion.index + step + items.length) % items.length;
      renderCompletion();
      return;
    }
    if (open && event.key === 'Tab' && !event.shiftKey) {
      event.preventDefault();
      accept(state.completion.index >= 0 ? state.completion.index : 0);
      return;
    }
    if (open && event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      hideCompletion();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (open && state.completion.index >= 0) accept(state.completion.index);
      else send();
    }
  }

  // ---- modals -----------------------------------------------------------------------------------

  function closeIcon() {
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'icon-button';
    close.setAttribute('aria-label', 'Close every open form');
    close.textContent = '\u2715';
    return close;
  }

  function renderModals() {
    const layer = $('modal-layer');
    const views = state.views;
    if (!views.length) {
      if (!layer.hidden) {
        layer.hidden = true;
        layer.textContent = '';
        $('composer-input').focus();
      }
      state.modalKey = null;
      return;
    }
    const top = views[views.length - 1];
    const key = state.user + '|' + top.id + '|' + top.hash;
    if (key === state.modalKey) {
      const form = layer.querySelector('form.modal-body');
      if (form) BlockKit.showErrors(form, top.errors);
      return;
    }
    state.modalKey = key;
    const shown = layer.querySelector('.modal');
    const entered = shown && shown.dataset.viewId === top.id && shown.querySelector('form.modal-body')
      ? BlockKit.collectValues(shown.querySelector('form.modal-body')) : null;
    layer.textContent = '';
    layer.hidden = false;
    const dialog = document.createElement('div');
    dialog.className = 'modal';
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', 'modal-title');
    dialog.dataset.viewId = top.id;
    dialog.dataset.callbackId = top.callback_id;

    const header = document.createElement('header');
    header.className = 'modal-header';
    if (views.length > 1) {
      const trail = document.createElement('div');
      trail.className = 'modal-trail';
      trail.textContent = views.slice(0, -1).map(v => v.title).join(' \u203A ') + ' \u203A';
      header.appendChild(trail);
    }
    const title = document.createElement('h2');
    title.id = 'modal-title';
    BlockKit.withEmoji(top.title, title);
    header.appendChild(title);
    const closeAll = closeIcon();
    closeAll.addEventListener('click', () => closeView(views[0].id));
    header.appendChild(closeAll);
    dialog.appendChild(header);

    const banner = document.createElement('div');
    banner.className = 'modal-banner';
    banner.setAttribute('role', 'alert');
    banner.hidden = true;
    dialog.appendChild(banner);

    const form = document.createElement('form');
    form.className = 'modal-body';
    form.id = 'modal-form';
    form.noValidate = true;
    const ctx = blockContext({
      form: true,
      onAction: action => clickInView(top, action, banner),
      suggest: (actionId, value) => suggest(top, actionId, value)
    });
    form.appendChild(BlockKit.renderBlocks(top.blocks, ctx));
    if (entered) BlockKit.restoreValues(form, entered);
    dialog.appendChild(form);
    BlockKit.showErrors(form, top.errors);

    const footer = document.createElement('footer');
    footer.className = 'modal-footer';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'bk-button modal-cancel';
    cancel.textContent = top.close || (views.length > 1 ? 'Back' : 'Cancel');
    cancel.addEventListener('click', () => closeView(top.id));
    footer.appendChild(cancel);
    if (top.submit) {
      const submit = document.createElement('button');
      submit.type = 'submit';
      submit.className = 'bk-button bk-primary modal-submit';
      submit.textContent = top.submit;
      submit.setAttribute('form', 'modal-form');
      footer.appendChild(submit);
    }
    form.addEventListener('submit', event => { event.preventDefault(); submitView(top, form, banner, dialog); });
    dialog.appendChild(footer);
    layer.appendChild(dialog);
    const first = form.querySelector('input, select, textarea, button');
    (first || cancel).focus();
  }

  async function submitView(view, form, banner, dialog) {
    if (dialog.dataset.busy) return;
    const missing = BlockKit.missingRequired(form);
    if (missing.length) {
      const errors = {};
      missing.forEach(block => { errors[block] = 'Please complete this required field.'; });
      BlockKit.showErrors(form, errors);
      const first = form.querySelector('[aria-invalid="true"]');
      if (first) first.focus();
      return;
    }
    dialog.dataset.busy = 'true';
    banner.hidden = true;
    try {
      const result = await api('POST', '/sandbox/submit', { user: state.user, view_id: view.id, values: BlockKit.collectValues(form) });
      if (result.status !== 200) {
        banner.textContent = result.json && result.json.error ? result.json.error : 'The sandbox answered HTTP ' + result.status;
        banner.hidden = false;
      } else if (result.json.status !== 200) {
        banner.textContent = 'We had some trouble connecting: the bot answered HTTP ' + result.json.status + '. Try again.';
        banner.hidden = false;
      } else if (result.json.response_action === 'errors') {
        const shown = BlockKit.showErrors(form, result.json.errors);
        if (!shown) {
          banner.textContent = Object.values(result.json.errors).join(' ');
          banner.hidden = false;
        }
        const first = form.querySelector('[aria-invalid="true"]');
        if (first) first.focus();
      }
    } finally {
      delete dialog.dataset.busy;
      await refresh();
    }
  }

  async function closeView(viewId) {
    await api('POST', '/sandbox/close', { user: state.user, view_id: viewId });
    await refresh();
  }

  async function clickInView(view, action, banner) {
    const result = await api('POST', '/sandbox/click', { user: state.user, view_id: view.id, action_id: action.actionId, value: action.value });
    if (!reportBotAnswer(result, 'a button in the form')) {
      banner.textContent = 'That did not work: ' + (result.json && result.json.error ? result.json.error : 'HTTP ' + result.status);
      banner.hidden = false;
    }
    refresh();
  }

  async function suggest(view, actionId, value) {
    const result = await api('POST', '/sandbox/suggest', { user: state.user, view_id: view.id, action_id: actionId, value: value });
    if (result.status !== 200 || !result.json) return [];
    const options = (result.json.options || []).slice();
    (result.json.option_groups || []).forEach(group => (group.options || []).forEach(o => options.push(o)));
    return options;
  }

  function confirmDialog(confirm) {
    return new Promise(resolve => {
      const layer = $('confirm-layer');
      layer.textContent = '';
      layer.hidden = false;
      const dialog = document.createElement('div');
      dialog.className = 'modal confirm';
      dialog.setAttribute('role', 'alertdialog');
      dialog.setAttribute('aria-modal', 'true');
      dialog.setAttribute('aria-labelledby', 'confirm-title');
      const title = document.createElement('h2');
      title.id = 'confirm-title';
      title.className = 'confirm-title';
      BlockKit.withEmoji(confirm.title ? confirm.title.text : 'Are you sure?', title);
      dialog.appendChild(title);
      const text = document.createElement('div');
      text.className = 'modal-body';
      text.appendChild(BlockKit.textObject(confirm.text, blockContext({})));
      dialog.appendChild(text);
      const footer = document.createElement('footer');
      footer.className = 'modal-footer';
      const done = answer => { layer.hidden = true; layer.textContent = ''; state.confirming = null; resolve(answer); };
      const deny = document.createElement('button');
      deny.type = 'button';
      deny.className = 'bk-button confirm-deny';
      deny.textContent = confirm.deny ? confirm.deny.text : 'Cancel';
      deny.addEventListener('click', () => done(false));
      const ok = document.createElement('button');
      ok.type = 'button';
      ok.className = 'bk-button confirm-ok ' + (confirm.style === 'danger' ? 'bk-danger' : 'bk-primary');
      ok.textContent = confirm.confirm ? confirm.confirm.text : 'Yes';
      ok.addEventListener('click', () => done(true));
      footer.appendChild(deny);
      footer.appendChild(ok);
      dialog.appendChild(footer);
      layer.appendChild(dialog);
      state.confirming = () => done(false);
      ok.focus();
    });
  }

  // ---- staying up to date -----------------------------------------------------------------------

  let refreshing = null;
  let again = false;

  async function refresh() {
    if (refreshing) { again = true; return refreshing; }
    refreshing = (async () => {
      do {
        again = false;
        const [messages, views] = await Promise.all([
          api('GET', '/sandbox/messages?channel=' + encodeURIComponent(state.channel) + '&user=' + encodeURIComponent(state.user)),
          api('GET', '/sandbox/views?user=' + encodeURIComponent(state.user))
        ]);
        if (messages.status === 200) state.messages = messages.json;
        if (views.status === 200) state.views = views.json;
        renderMessages();
        renderModals();
      } while (again);
    })();
    try { await refreshing; } finally { refreshing = null; }
  }

  function live() {
    const status = $('live');
    let polling = null;
    const poll = on => {
      if (on && !polling) polling = setInterval(refresh, 2000);
      if (!on && polling) { clearInterval(polling); polling = null; }
    };
    if (!window.EventSource) {
      status.textContent = 'polling';
      poll(true);
      return;
    }
    let stream = null;
    const connect = () => {
      stream = new EventSource('/sandbox/stream');
      stream.onopen = () => { status.textContent = 'live'; status.className = 'live on'; poll(false); refresh(); };
      stream.onmessage = () => refresh();
      stream.onerror = () => { status.textContent = 'polling'; status.className = 'live'; poll(true); };
    };
    // A page left open in the back-forward cache would keep its stream, and browsers allow only six
    // connections to one host: close it on the way out, reconnect when the page is shown again.
    window.addEventListener('pagehide', () => { stream.close(); poll(false); });
    window.addEventListener('pageshow', event => { if (event.persisted) { connect(); refresh(); } });
    connect();
  }

  // ---- start ------------------------------------------------------------------------------------

  async function start() {
    const [directory, commands] = await Promise.all([api('GET', '/sandbox/workspace'), api('GET', '/sandbox/commands')]);
    state.directory = directory.json;
    state.slash = commands.json.command;
    state.specs = commands.json.commands;
    $('workspace-name').textContent = state.directory.name;
    const params = new URLSearchParams(location.search);
    const names = state.directory.users.map(u => u.name);
    state.user = names.indexOf(params.get('user')) >= 0 ? params.get('user') : names[0];
    const channel = params.get('channel');
    state.channel = state.directory.channels.some(c => c.name === channel) ? channel
      : (state.directory.channels.find(c => !c.im) || state.directory.channels[0]).name;
    remember();
    renderSidebar();

    $('acting-user').addEventListener('change', event => switchUser(event.target.value));
    $('reset').addEventListener('click', async () => {
      await api('POST', '/sandbox/reset');
      state.local = [];
      clearMessages();
      toast('The workspace is back to its seed: no messages, no open forms.');
      refresh();
    });
    $('fire-alert').addEventListener('submit', async event => {
      event.preventDefault();
      const service = $('fire-alert-service').value.trim();
      const result = await api('POST', '/sandbox/alerts', { service: service, severity: $('fire-alert-severity').value });
      if (result.status !== 200) {
        toast('No test alert: ' + (result.json && result.json.error ? result.json.error : 'HTTP ' + result.status));
      } else if (result.json.sent === false && result.json.silencedBy) {
        toast('Alertmanager (the stand-in) holds it silenced: ' + result.json.silencedBy);
      } else {
        toast('Test alert ' + result.json.alertname + ' sent for ' + service + ': it goes to the owning team\'s channel.');
      }
    });
    $('thread-close').addEventListener('click', () => { state.thread = null; renderThread(); $('composer-input').focus(); });
    const input = $('composer-input');
    input.addEventListener('keydown', composerKeys);
    input.addEventListener('input', () => { autosize(); renderCompletion(); });
    input.addEventListener('blur', () => setTimeout(() => { $('autocomplete').hidden = true; }, 150));
    input.addEventListener('focus', renderCompletion);
    $('composer').addEventListener('submit', event => { event.preventDefault(); send(); });
    document.addEventListener('keydown', event => {
      if (event.key !== 'Escape') return;
      if (state.confirming) { event.preventDefault(); state.confirming(); return; }
      if (state.views.length) {
        event.preventDefault();
        closeView(state.views[state.views.length - 1].id);
        return;
      }
      if (state.thread) { state.thread = null; renderThread(); }
    });
    await refresh();
    document.body.dataset.ready = 'true';
    live();
    input.focus();
  }

  start();
})();
