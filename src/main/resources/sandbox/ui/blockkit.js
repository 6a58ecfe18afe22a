/*
 * Block Kit and mrkdwn rendered to DOM nodes, the way Slack shows them. Every piece of text goes in through
 * textContent or an attribute, never through innerHTML: the bot echoes what people type.
 *
 * BlockKit.renderBlocks(blocks, ctx) -> element
 *   ctx.userName(id), ctx.channelName(id), ctx.users(), ctx.channels()  the workspace directory
 *   ctx.onAction({blockId, actionId, value, element})                   a click or choice in a message / view
 *   ctx.confirm(confirmObject) -> Promise<boolean>                      a confirm dialog
 *   ctx.suggest(actionId, query) -> Promise<options>                    external_select options from the bot
 *   ctx.form                                                             true inside a modal: inputs are collected
 * BlockKit.collectValues(root) -> {block_id: {action_id: value}} for /sandbox/submit
 * BlockKit.restoreValues(root, values)  what a person entered, back into a view redrawn by views.update
 * BlockKit.mrkdwn(text, ctx) -> DocumentFragment
 */
(function (global) {
  'use strict';

  const EMOJI = {
    white_check_mark: '\u2705', heavy_check_mark: '\u2714\uFE0F', x: '\u274C', warning: '\u26A0\uFE0F',
    hourglass_flowing_sand: '\u23F3', hourglass: '\u231B', rocket: '\uD83D\uDE80', tada: '\uD83C\uDF89',
    fire: '\uD83D\uDD25', rotating_light: '\uD83D\uDEA8', no_entry: '\u26D4', no_entry_sign: '\uD83D\uDEAB',
    information_source: '\u2139\uFE0F', bulb: '\uD83D\uDCA1', lock: '\uD83D\uDD12', unlock: '\uD83D\uDD13',
    key: '\uD83D\uDD11', package: '\uD83D\uDCE6', wrench: '\uD83D\uDD27', hammer_and_wrench: '\uD83D\uDEE0\uFE0F',
    gear: '\u2699\uFE0F', mag: '\uD83D\uDD0D', clipboard: '\uD83D\uDCCB', memo: '\uD83D\uDCDD', pencil2: '\u270F\uFE0F',
    link: '\uD83D\uDD17', book: '\uD83D\uDCD6', books: '\uD83D\uDCDA', bell: '\uD83D\uDD14', pager: '\uD83D\uDCDF',
    telephone_receiver: '\uD83D\uDCDE', phone: '\u260E\uFE0F', busts_in_silhouette: '\uD83D\uDC65',
    bust_in_silhouette: '\uD83D\uDC64', people_holding_hands: '\uD83E\uDDD1\u200D\uD83E\uDD1D\u200D\uD83E\uDDD1',
    wave: '\uD83D\uDC4B', thumbsup: '\uD83D\uDC4D', '+1': '\uD83D\uDC4D', thumbsdown: '\uD83D\uDC4E', '-1': '\uD83D\uDC4E',
    eyes: '\uD83D\uDC40', thinking_face: '\uD83E\uDD14', question: '\u2753', grey_question: '\u2754', exclamation: '\u2757',
    heavy_plus_sign: '\u2795', heavy_minus_sign: '\u2796', arrow_right: '\u27A1\uFE0F', arrow_left: '\u2B05\uFE0F',
    arrow_up: '\u2B06\uFE0F', arrow_down: '\u2B07\uFE0F', arrows_counterclockwise: '\uD83D\uDD04', repeat: '\uD83D\uDD01',
    rewind: '\u23EA', fast_forward: '\u23E9', stopwatch: '\u23F1\uFE0F', alarm_clock: '\u23F0', calendar: '\uD83D\uDCC5',
    date: '\uD83D\uDCC5', chart_with_upwards_trend: '\uD83D\uDCC8', chart_with_downwards_trend: '\uD83D\uDCC9',
    test_tube: '\uD83E\uDDEA', bar_chart: '\uD83D\uDCCA', moneybag: '\uD83D\uDCB0', money_with_wings: '\uD83D\uDCB8', dollar: '\uD83D\uDCB5',
    globe_with_meridians: '\uD83C\uDF10', earth_africa: '\uD83C\uDF0D', house: '\uD83C\uDFE0', office: '\uD83C\uDFE2',
    building_construction: '\uD83C\uDFD7\uFE0F', construction: '\uD83D\uDEA7', ship: '\uD83D\uDEA2', anchor: '\u2693',
    whale: '\uD83D\uDC33', robot_face: '\uD83E\uDD16', star: '\u2B50', sparkles: '\u2728', zap: '\u26A1', boom: '\uD83D\uDCA5',
    red_circle: '\uD83D\uDD34', large_green_circle: '\uD83D\uDFE2', green_circle: '\uD83D\uDFE2',
    large_yellow_circle: '\uD83D\uDFE1', yellow_circle: '\uD83D\uDFE1', large_blue_circle: '\uD83D\uDD35',
    white_circle: '\u26AA', black_circle: '\u26AB', large_orange_circle: '\uD83D\uDFE0', orange_circle: '\uD83D\uDFE0',
    heavy_exclamation_mark: '\u2757', small_red_triangle: '\uD83D\uDD3A', small_red_triangle_down: '\uD83D\uDD3B',
    traffic_light: '\uD83D\uDEA5', vertical_traffic_light: '\uD83D\uDEA6', shield: '\uD83D\uDEE1\uFE0F', skull: '\uD83D\uDC80',
    sos: '\uD83C\uDD98', new: '\uD83C\uDD95', ok: '\uD83C\uDD97', pushpin: '\uD83D\uDCCC', round_pushpin: '\uD83D\uDCCD',
    speech_balloon: '\uD83D\uDCAC', email: '\uD83D\uDCE7', envelope: '\u2709\uFE0F', inbox_tray: '\uD83D\uDCE5',
    outbox_tray: '\uD83D\uDCE4', file_folder: '\uD83D\uDCC1', open_file_folder: '\uD83D\uDCC2', page_facing_up: '\uD83D\uDCC4',
    scroll: '\uD83D\uDCDC', label: '\uD83C\uDFF7\uFE0F', checkered_flag: '\uD83C\uDFC1', triangular_flag_on_post: '\uD83D\uDEA9',
    stop_sign: '\uD83D\uDED1', recycle: '\u267B\uFE0F', wastebasket: '\uD83D\uDDD1\uFE0F', smile: '\uD83D\uDE04',
    slightly_smiling_face: '\uD83D\uDE42', grimacing: '\uD83D\uDE2C', sweat_smile: '\uD83D\uDE05', pray: '\uD83D\uDE4F',
    raised_hand: '\u270B', no_bell: '\uD83D\uDD15', thunder_cloud_and_rain: '\u26C8\uFE0F', heavy_multiplication_x: '\u2716\uFE0F', muscle: '\uD83D\uDCAA', ballot_box_with_check: '\u2611\uFE0F', white_large_square: '\u2B1C', hourglass_done: '\u231B'
  };

  const INLINE = new RegExp([
    '`([^`\\n]+)`',
    '<([^<>\\n]+)>',
    ':([a-z0-9_+\\-]+):',
    '(?<![\\p{L}\\p{N}*])\\*(?=\\S)([^*\\n]+?)(?<=\\S)\\*(?![\\p{L}\\p{N}*])',
    '(?<![\\p{L}\\p{N}_])_(?=\\S)([^_\\n]+?)(?<=\\S)_(?![\\p{L}\\p{N}_])',
    '(?<![\\p{L}\\p{N}~])~(?=\\S)([^~\\n]+?)(?<=\\S)~(?![\\p{L}\\p{N}~])'
  ].join('|'), 'gu');

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** Slack escapes only these three in mrkdwn; everything else is literal. */
  function decode(text) {
    return String(text).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  function safeUrl(url) {
    return /^(https?:|mailto:)/i.test(url) ? url : null;
  }

  function emoji(name) {
    return Object.prototype.hasOwnProperty.call(EMOJI, name) ? EMOJI[name] : null;
  }

  /** Plain text with :shortcodes: as emoji, nothing else interpreted. */
  function withEmoji(text, parent) {
    const source = String(text);
    const pattern = /:([a-z0-9_+\-]+):/g;
    let last = 0;
    let match;
    while ((match = pattern.exec(source)) !== null) {
      const glyph = emoji(match[1]);
      if (!glyph) continue;
      parent.appendChild(document.createTextNode(source.slice(last, match.index)));
      const span = el('span', 'bk-emoji', glyph);
      span.title = match[0];
      parent.appendChild(span);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(source.slice(last)));
    return parent;
  }

  function angle(inner, ctx) {
    const bar = inner.indexOf('|');
    const target = bar < 0 ? inner : inner.slice(0, bar);
    const label = bar < 0 ? null : inner.slice(bar + 1);
    if (target.startsWith('@')) {
      const id = target.slice(1);
      return el('span', 'bk-mention', '@' + (ctx.userName(id) || (label ? decode(label) : id)));
    }
    if (target.startsWith('#')) {
      const id = target.slice(1);
      return el('span', 'bk-mention', '#' + (ctx.channelName(id) || (label ? decode(label) : id)));
    }
    if (target.startsWith('!')) {
      const special = target.slice(1);
      if (special === 'here' || special === 'channel' || special === 'everyone') return el('span', 'bk-mention', '@' + special);
      if (special.startsWith('subteam^')) return el('span', 'bk-mention', label ? decode(label) : '@' + special.slice(8));
      return el('span', null, label ? decode(label) : special);
    }
    const url = safeUrl(decode(target));
    const text = label === null ? decode(target) : decode(label);
    if (!url) return document.createTextNode(text);
    const link = el('a', 'bk-link');
    link.href = url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    withEmoji(text, link);
    return link;
  }

  function inline(text, parent, ctx) {
    const pattern = new RegExp(INLINE.source, INLINE.flags);
    let last = 0;
    let match;
    while ((match = pattern.exec(text)) !== null) {
      let node = null;
      if (match[1] !== undefined) node = el('code', 'bk-code', decode(match[1]));
      else if (match[2] !== undefined) node = angle(match[2], ctx);
      else if (match[3] !== undefined) {
        const glyph = emoji(match[3]);
        if (glyph) {
          node = el('span', 'bk-emoji', glyph);
          node.title = match[0];
        }
      } else if (match[4] !== undefined) node = inline(match[4], el('b'), ctx);
      else if (match[5] !== undefined) node = inline(match[5], el('i'), ctx);
      else if (match[6] !== undefined) node = inline(match[6], el('s'), ctx);
      if (!node) continue;
      parent.appendChild(document.createTextNode(decode(text.slice(last, match.index))));
      parent.appendChild(node);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(decode(text.slice(last))));
    return parent;
  }

  /** Lines: quotes (> or &gt;), bullet lists (•, - ), numbered lists (1. ), else lines with breaks. */
  function lines(text, parent, ctx) {
    const all = text.split('\n');
    let i = 0;
    while (i < all.length) {
      const line = all[i];
      if (/^(&gt;|>)/.test(line)) {
        const quote = el('blockquote', 'bk-quote');
        const body = [];
        while (i < all.length && /^(&gt;|>)/.test(all[i])) body.push(all[i++].replace(/^(&gt;|>) ?/, ''));
        lines(body.join('\n'), quote, ctx);
        parent.appendChild(quote);
        continue;
      }
      const bullet = /^\s*[\u2022\-] (.*)$/;
      const numbered = /^\s*\d+\. (.*)$/;
      if (bullet.test(line) || numbered.test(line)) {
        const kind = bullet.test(line) ? bullet : numbered;
        const list = el(kind === bullet ? 'ul' : 'ol', 'bk-list');
        while (i < all.length && kind.test(all[i])) inline(all[i++].match(kind)[1], list.appendChild(el('li')), ctx);
        parent.appendChild(list);
        continue;
      }
      inline(line, parent, ctx);
      i++;
      if (i < all.length && !/^(&gt;|>)/.test(all[i]) && !/^\s*([\u2022\-]|\d+\.) /.test(all[i])) parent.appendChild(el('br'));
    }
    return parent;
  }

  function mrkdwn(text, ctx) {
    const fragment = document.createDocumentFragment();
    const source = String(text == null ? '' : text);
    const fence = /```\n?([\s\S]*?)```/g;
    let last = 0;
    let match;
    while ((match = fence.exec(source)) !== null) {
      if (match.index > last) lines(source.slice(last, match.index).replace(/\n$/, ''), fragment, ctx);
      const pre = el('pre', 'bk-pre');
      pre.appendChild(el('code', null, decode(match[1])));
      fragment.appendChild(pre);
      last = match.index + match[0].length;
      if (source[last] === '\n') last++;
    }
    if (last < source.length) lines(source.slice(last), fragment, ctx);
    return fragment;
  }

  function textObject(object, ctx, className) {
    const span = el('span', className || 'bk-text');
    if (!object) return span;
    if (object.type === 'mrkdwn') {
      span.classList.add('bk-mrkdwn');
      span.appendChild(object.verbatim ? lines(String(object.text), el('span'), ctx) : mrkdwn(object.text, ctx));
    } else {
      withEmoji(object.text == null ? '' : object.text, span);
    }
    return span;
  }

  function plainString(object) {
    return object && object.text != null ? String(object.text) : '';
  }

  function placeholder(what, object) {
    const box = el('div', 'bk-unknown');
    box.setAttribute('role', 'note');
    box.appendChild(el('strong', null, 'Not shown by the sandbox: ' + what));
    const details = el('pre', 'bk-unknown-json', JSON.stringify(object, null, 2).slice(0, 800));
    box.appendChild(details);
    return box;
  }

  // ---- interactive elements ---------------------------------------------------------------------

  function allOptions(element) {
    const options = (element.options || []).slice();
    (element.option_groups || []).forEach(group => (group.options || []).forEach(o => options.push(o)));
    return options;
  }

  function fillOptions(select, element, ctx) {
    const add = (parent, option) => {
      const node = el('option', null, plainString(option.text));
      node.value = option.value;
      withEmojiText(node, option.text);
      parent.appendChild(node);
    };
    (element.options || []).forEach(option => add(select, option));
    (element.option_groups || []).forEach(group => {
      const optgroup = el('optgroup');
      optgroup.label = plainString(group.label);
      (group.options || []).forEach(option => add(optgroup, option));
      select.appendChild(optgroup);
    });
  }

  function withEmojiText(node, textObj) {
    node.textContent = '';
    const holder = withEmoji(plainString(textObj), el('span'));
    node.textContent = holder.textContent;
  }

  /**
   * Outside a modal every element sends block_actions; inside one, only the element of an input block with
   * dispatch_action: true (Slack's way to let a form react, e.g. load a plan's fields when the plan is chosen).
   */
  function dispatches(ctx) {
    return !ctx.form || !!ctx.dispatch;
  }

  function act(ctx, blockId, element, value) {
    if (ctx.onAction) ctx.onAction({ blockId: blockId, actionId: element.action_id, value: value, element: element });
  }

  function confirmThen(ctx, element, go) {
    if (element.confirm && ctx.confirm) {
      ctx.confirm(element.confirm).then(ok => { if (ok) go(); });
    } else {
      go();
    }
  }

  function button(element, blockId, ctx) {
    const node = el('button', 'bk-button');
    node.type = 'button';
    if (element.style === 'primary') node.classList.add('bk-primary');
    if (element.style === 'danger') node.classList.add('bk-danger');
    withEmoji(plainString(element.text), node);
    if (element.accessibility_label) node.setAttribute('aria-label', element.accessibility_label);
    node.dataset.actionId = element.action_id || '';
    node.addEventListener('click', () => confirmThen(ctx, element, () => {
      const url = element.url && safeUrl(element.url);
      if (url) global.open(url, '_blank', 'noopener');
      act(ctx, blockId, element, element.value === undefined ? null : element.value);
    }));
    return node;
  }

  function overflow(element, blockId, ctx) {
    const wrap = el('div', 'bk-overflow');
    const toggle = el('button', 'bk-button bk-overflow-toggle', '\u22EF');
    toggle.type = 'button';
    toggle.setAttribute('aria-label', 'More actions');
    toggle.setAttribute('aria-haspopup', 'menu');
    toggle.setAttribute('aria-expanded', 'false');
    const menu = el('div', 'bk-menu');
    menu.setAttribute('role', 'menu');
    menu.hidden = true;
    const close = () => { menu.hidden = true; toggle.setAttribute('aria-expanded', 'false'); };
    (element.options || []).forEach(option => {
      const item = el('button', 'bk-menu-item');
      item.type = 'button';
      item.setAttribute('role', 'menuitem');
      withEmoji(plainString(option.text), item);
      item.addEventListener('click', () => {
        close();
        const url = option.url && safeUrl(option.url);
        if (url) global.open(url, '_blank', 'noopener');
        confirmThen(ctx, element, () => act(ctx, blockId, element, option.value));
      });
      menu.appendChild(item);
    });
    toggle.addEventListener('click', () => {
      menu.hidden = !menu.hidden;
      toggle.setAttribute('aria-expanded', String(!menu.hidden));
      if (!menu.hidden && menu.firstChild) menu.firstChild.focus();
    });
    menu.addEventListener('keydown', event => {
      if (event.key === 'Escape') { event.stopPropagation(); close(); toggle.focus(); }
    });
    wrap.appendChild(toggle);
    wrap.appendChild(menu);
    return wrap;
  }

  /** An image by URL, or a file uploaded to the workspace (slack_file), which the sandbox serves itself. */
  function imageSource(element) {
    const file = element.slack_file;
    if (file && typeof file.id === 'string' && /^F[A-Z0-9]{2,20}$/.test(file.id)) return '/sandbox/files/' + file.id;
    return safeUrl(element.image_url || (file && file.url) || '');
  }

  function image(element, className) {
    const url = imageSource(element);
    if (!url) return el('span', 'bk-image-missing', '[image: ' + (element.alt_text || '') + ']');
    const img = el('img', className || 'bk-image-element');
    img.src = url;
    img.alt = element.alt_text || '';
    img.loading = 'lazy';
    return img;
  }

  function directoryOptions(element, ctx) {
    const type = element.type;
    if (type.indexOf('user') >= 0) return ctx.users().map(u => ({ value: u.id, label: u.name + (u.real_name ? ' (' + u.real_name + ')' : '') }));
    return ctx.channels().filter(c => type.indexOf('channels') < 0 || !c.im).map(c => ({ value: c.id, label: (c.im ? '' : '#') + c.name }));
  }

  function initialDirectory(element) {
    return element.initial_user || element.initial_conversation || element.initial_channel
      || element.initial_users || element.initial_conversations || element.initial_channels || null;
  }

  /** A <select> for static and directory menus; multiple for multi_*; dispatches on change outside forms. */
  function select(element, blockId, ctx, label) {
    const multi = element.type.startsWith('multi_');
    const node = el('select', 'bk-select');
    node.multiple = multi;
    if (label) node.setAttribute('aria-label', label);
    if (!multi) {
      const none = el('option', null, plainString(element.placeholder) || 'Choose an option');
      none.value = '';
      none.disabled = !!ctx.form;
      node.appendChild(none);
    }
    if (/static_select$/.test(element.type)) {
      fillOptions(node, element, ctx);
      const initial = multi ? (element.initial_options || []).map(o => o.value) : (element.initial_option ? [element.initial_option.value] : []);
      Array.from(node.options).forEach(o => { o.selected = initial.indexOf(o.value) >= 0; });
      if (!multi && initial.length === 0) node.value = '';
    } else {
      directoryOptions(element, ctx).forEach(choice => {
        const option = el('option', null, choice.label);
        option.value = choice.value;
        node.appendChild(option);
      });
      const initial = initialDirectory(element);
      const chosen = initial === null ? [] : [].concat(initial);
      Array.from(node.options).forEach(o => { o.selected = chosen.indexOf(o.value) >= 0; });
      if (!multi && chosen.length === 0) node.value = '';
    }
    if (multi) node.size = Math.min(6, Math.max(3, node.options.length));
    if (dispatches(ctx)) {
      node.addEventListener('change', () => {
        const value = multi ? Array.from(node.selectedOptions).map(o => o.value) : node.value;
        if (!multi && value === '') return;
        confirmThen(ctx, element, () => act(ctx, blockId, element, multi ? value[value.length - 1] : value));
      });
    }
    return node;
  }

  function choices(element, blockId, ctx, label) {
    const multiple = element.type === 'checkboxes';
    const group = el('fieldset', 'bk-choices');
    group.appendChild(el('legend', 'bk-visually-hidden', label || ''));
    const name = 'bk-' + (blockId || '') + '-' + (element.action_id || '') + '-' + Math.random().toString(36).slice(2, 8);
    const initial = multiple ? (element.initial_options || []).map(o => o.value) : (element.initial_option ? [element.initial_option.value] : []);
    (element.options || []).forEach((option, index) => {
      const row = el('label', 'bk-choice');
      const input = el('input');
      input.type = multiple ? 'checkbox' : 'radio';
      input.name = name;
      input.value = option.value;
      input.checked = initial.indexOf(option.value) >= 0;
      input.id = name + '-' + index;
      row.htmlFor = input.id;
      row.appendChild(input);
      const text = el('span', 'bk-choice-text');
      text.appendChild(textObject(option.text, ctx));
      if (option.description) text.appendChild(textObject(option.description, ctx, 'bk-choice-description'));
      row.appendChild(text);
      if (dispatches(ctx)) {
        input.addEventListener('change', () => act(ctx, blockId, element, option.value));
      }
      group.appendChild(row);
    });
    return group;
  }

  function textInput(element, label) {
    let node;
    if (element.type === 'plain_text_input' && element.multiline) {
      node = el('textarea', 'bk-input bk-textarea');
      node.rows = 4;
    } else {
      node = el('input', 'bk-input');
      node.type = { number_input: 'number', email_text_input: 'email', url_text_input: 'url', datepicker: 'date', timepicker: 'time' }[element.type] || 'text';
    }
    if (element.type === 'number_input') {
      node.step = element.is_decimal_allowed ? 'any' : '1';
      if (element.min_value !== undefined) node.min = element.min_value;
      if (element.max_value !== undefined) node.max = element.max_value;
    }
    if (element.max_length) node.maxLength = element.max_length;
    if (element.min_length) node.minLength = element.min_length;
    if (element.placeholder) node.placeholder = plainString(element.placeholder);
    const initial = element.initial_value !== undefined ? element.initial_value
      : element.initial_date !== undefined ? element.initial_date : element.initial_time;
    if (initial !== undefined && initial !== null) node.value = initial;
    if (label) node.setAttribute('aria-label', label);
    return node;
  }

  /** external_select: type, the bot suggests (block_suggestion), pick one; the chosen option is kept as JSON. */
  function externalSelect(element, blockId, ctx, label) {
    const multi = element.type.startsWith('multi_');
    const wrap = el('div', 'bk-external');
    const chosenList = el('div', 'bk-chips');
    const input = el('input', 'bk-input');
    input.type = 'text';
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    if (label) input.setAttribute('aria-label', label);
    input.placeholder = plainString(element.placeholder) || 'Type to search';
    const list = el('div', 'bk-suggestions');
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    const minLength = element.min_query_length === undefined ? 3 : element.min_query_length;
    let chosen = multi ? (element.initial_options || []).slice() : (element.initial_option ? [element.initial_option] : []);
    const store = () => {
      wrap.dataset.selected = JSON.stringify(multi ? chosen : (chosen[0] || null));
      chosenList.textContent = '';
      if (multi) {
        chosen.forEach((option, index) => {
          const chip = el('button', 'bk-chip', plainString(option.text) + ' \u00D7');
          chip.type = 'button';
          chip.setAttribute('aria-label', 'Remove ' + plainString(option.text));
          chip.addEventListener('click', () => { chosen.splice(index, 1); store(); });
          chosenList.appendChild(chip);
        });
      } else {
        input.value = chosen[0] ? plainString(chosen[0].text) : input.value;
      }
    };
    const show = options => {
      list.textContent = '';
      if (options.length === 0) list.appendChild(el('div', 'bk-suggestion-empty', 'No matches'));
      options.forEach(option => {
        const item = el('button', 'bk-suggestion');
        item.type = 'button';
        item.setAttribute('role', 'option');
        withEmoji(plainString(option.text), item);
        item.addEventListener('click', () => {
          chosen = multi ? chosen.concat([option]) : [option];
          list.hidden = true;
          input.setAttribute('aria-expanded', 'false');
          if (multi) input.value = '';
          store();
          if (dispatches(ctx)) act(ctx, blockId, element, option.value);
          input.focus();
        });
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    };
    let asked = 0;
    const ask = () => {
      const query = input.value;
      if (!multi) chosen = [];
      store();
      if (query.length < minLength || !ctx.suggest) { list.hidden = true; return; }
      const mine = ++asked;
      ctx.suggest(element.action_id, query).then(options => { if (mine === asked) show(options); });
    };
    let timer = null;
    input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(ask, 250); });
    input.addEventListener('focus', () => { if (minLength === 0 && !input.value) ask(); });
    input.addEventListener('keydown', event => {
      if (event.key === 'Escape' && !list.hidden) { event.stopPropagation(); list.hidden = true; }
      if (event.key === 'ArrowDown' && !list.hidden && list.querySelector('button')) { event.preventDefault(); list.querySelector('button').focus(); }
    });
    wrap.appendChild(chosenList);
    wrap.appendChild(input);
    wrap.appendChild(list);
    store();
    return wrap;
  }

  /** Any element: in a form it is marked for collectValues; outside one it dispatches actions. */
  function element(element, blockId, ctx, label) {
    const type = element.type;
    let node;
    if (type === 'button') node = button(element, blockId, ctx);
    else if (type === 'overflow') node = overflow(element, blockId, ctx);
    else if (type === 'image') node = image(element);
    else if (/^(multi_)?(static|users|conversations|channels)_select$/.test(type)) node = select(element, blockId, ctx, label);
    else if (/^(multi_)?external_select$/.test(type)) node = externalSelect(element, blockId, ctx, label);
    else if (type === 'checkboxes' || type === 'radio_buttons') node = choices(element, blockId, ctx, label);
    else if (/^(plain_text_input|number_input|email_text_input|url_text_input|datepicker|timepicker)$/.test(type)) {
      node = textInput(element, label);
      if (dispatches(ctx)) {
        node.addEventListener('change', () => act(ctx, blockId, element, node.value));
      }
    } else return placeholder('element ' + type, element);
    if (ctx.form && type !== 'button' && type !== 'overflow' && type !== 'image') {
      node.dataset.bkInput = type;
      node.dataset.blockId = blockId || '';
      node.dataset.actionId = element.action_id || '';
    }
    return node;
  }

  // ---- blocks -----------------------------------------------------------------------------------

  function section(block, ctx) {
    const node = el('div', 'bk-section');
    const body = el('div', 'bk-section-body');
    if (block.text) body.appendChild(textObject(block.text, ctx, 'bk-section-text'));
    if (block.fields && block.fields.length) {
      const fields = el('div', 'bk-fields');
      block.fields.forEach(field => fields.appendChild(textObject(field, ctx, 'bk-field')));
      body.appendChild(fields);
    }
    node.appendChild(body);
    if (block.accessory) {
      const accessory = el('div', 'bk-accessory');
      const label = block.text ? plainString(block.text).slice(0, 80) : null;
      accessory.appendChild(block.accessory.type === 'image' ? image(block.accessory, 'bk-accessory-image')
        : element(block.accessory, block.block_id, ctx, label));
      node.appendChild(accessory);
    }
    return node;
  }

  function context(block, ctx) {
    const node = el('div', 'bk-context');
    (block.elements || []).forEach(item => {
      node.appendChild(item.type === 'image' ? image(item, 'bk-context-image') : textObject(item, ctx, 'bk-context-text'));
    });
    return node;
  }

  function actions(block, ctx) {
    const node = el('div', 'bk-actions');
    (block.elements || []).forEach(item => node.appendChild(element(item, block.block_id, ctx, plainString(item.placeholder) || null)));
    return node;
  }

  function imageBlock(block, ctx) {
    const figure = el('figure', 'bk-image');
    if (block.title) figure.appendChild(el('figcaption', null, plainString(block.title)));
    figure.appendChild(image(block, 'bk-image-img'));
    return figure;
  }

  function input(block, ctx) {
    const node = el('div', 'bk-input-block');
    node.dataset.blockId = block.block_id || '';
    const id = 'bk-input-' + (block.block_id || Math.random().toString(36).slice(2));
    const label = el('label', 'bk-label');
    label.htmlFor = id;
    withEmoji(plainString(block.label), label);
    if (block.optional) label.appendChild(el('span', 'bk-optional', ' (optional)'));
    node.appendChild(label);
    const blockCtx = Object.assign({}, ctx, { dispatch: block.dispatch_action === true });
    const control = element(block.element || {}, block.block_id, blockCtx, plainString(block.label));
    if (control.matches && control.matches('input, select, textarea')) control.id = id;
    else {
      const inner = control.querySelector && control.querySelector('input, select, textarea');
      if (inner) inner.id = id;
    }
    if (!block.optional) control.dataset.required = 'true';
    node.appendChild(control);
    if (block.hint) node.appendChild(textObject(block.hint, ctx, 'bk-hint'));
    const error = el('div', 'bk-error');
    error.setAttribute('role', 'alert');
    error.hidden = true;
    node.appendChild(error);
    return node;
  }

  function richText(block, ctx) {
    const node = el('div', 'bk-rich-text');
    const piece = (item, parent) => {
      if (item.type === 'text') {
        let target = parent;
        const style = item.style || {};
        if (style.code) target = target.appendChild(el('code', 'bk-code'));
        if (style.bold) target = target.appendChild(el('b'));
        if (style.italic) target = target.appendChild(el('i'));
        if (style.strike) target = target.appendChild(el('s'));
        target.appendChild(document.createTextNode(item.text || ''));
      } else if (item.type === 'link') {
        const url = safeUrl(item.url || '');
        const link = url ? el('a', 'bk-link', item.text || item.url) : el('span', null, item.text || item.url);
        if (url) { link.href = url; link.target = '_blank'; link.rel = 'noopener noreferrer'; }
        parent.appendChild(link);
      } else if (item.type === 'user') parent.appendChild(el('span', 'bk-mention', '@' + (ctx.userName(item.user_id) || item.user_id)));
      else if (item.type === 'channel') parent.appendChild(el('span', 'bk-mention', '#' + (ctx.channelName(item.channel_id) || item.channel_id)));
      else if (item.type === 'emoji') parent.appendChild(el('span', 'bk-emoji', emoji(item.name) || ':' + item.name + ':'));
      else if (item.type === 'rich_text_section') (item.elements || []).forEach(child => piece(child, parent));
      else if (item.type === 'rich_text_preformatted') {
        const pre = el('pre', 'bk-pre');
        (item.elements || []).forEach(child => piece(child, pre));
        parent.appendChild(pre);
      } else if (item.type === 'rich_text_quote') {
        const quote = el('blockquote', 'bk-quote');
        (item.elements || []).forEach(child => piece(child, quote));
        parent.appendChild(quote);
      } else if (item.type === 'rich_text_list') {
        const list = el(item.style === 'ordered' ? 'ol' : 'ul', 'bk-list');
        (item.elements || []).forEach(child => piece(child, list.appendChild(el('li'))));
        parent.appendChild(list);
      } else parent.appendChild(placeholder('rich text ' + item.type, item));
    };
    (block.elements || []).forEach(item => piece(item, node));
    return node;
  }

  function renderBlock(block, ctx) {
    let node;
    switch (block && block.type) {
      case 'header': node = el('h3', 'bk-header'); withEmoji(plainString(block.text), node); break;
      case 'section': node = section(block, ctx); break;
      case 'context': node = context(block, ctx); break;
      case 'divider': node = el('hr', 'bk-divider'); break;
      case 'actions': node = actions(block, ctx); break;
      case 'image': node = imageBlock(block, ctx); break;
      case 'input': node = ctx.form ? input(block, ctx) : placeholder('an input block outside a modal', block); break;
      case 'rich_text': node = richText(block, ctx); break;
      default: node = placeholder('block type ' + (block && block.type), block);
    }
    node.classList.add('bk-block');
    if (block && block.block_id) node.dataset.blockId = block.block_id;
    return node;
  }

  function renderBlocks(blocks, ctx) {
    const root = el('div', 'bk-blocks');
    (blocks || []).forEach(block => root.appendChild(renderBlock(block, ctx)));
    return root;
  }

  // ---- modal values -----------------------------------------------------------------------------

  function valueOf(node) {
    const type = node.dataset.bkInput;
    if (type === 'checkboxes') return Array.from(node.querySelectorAll('input:checked')).map(i => i.value);
    if (type === 'radio_buttons') { const on = node.querySelector('input:checked'); return on ? on.value : null; }
    if (/external_select$/.test(type)) return node.dataset.selected ? JSON.parse(node.dataset.selected) : null;
    if (node.tagName === 'SELECT') {
      return node.multiple ? Array.from(node.selectedOptions).map(o => o.value) : (node.value === '' ? null : node.value);
    }
    return node.value;
  }

  function isEmpty(value) {
    return value === null || value === undefined || (Array.isArray(value) && value.length === 0)
      || (typeof value === 'string' && value.trim() === '');
  }

  /** {block_id: {action_id: value}} for the inputs of a rendered modal; unchosen menus are left out. */
  function collectValues(root) {
    const values = {};
    root.querySelectorAll('[data-bk-input]').forEach(node => {
      const value = valueOf(node);
      if (value === null) return;
      const block = node.dataset.blockId;
      (values[block] = values[block] || {})[node.dataset.actionId] = value;
    });
    return values;
  }

  /**
   * Puts values from collectValues back into a redrawn modal. Slack keeps what a person entered when views.update
   * redraws a view with an input of the same block_id and action_id; external selects start over.
   */
  function restoreValues(root, values) {
    root.querySelectorAll('[data-bk-input]').forEach(node => {
      const block = values[node.dataset.blockId];
      if (!block || !Object.prototype.hasOwnProperty.call(block, node.dataset.actionId)) return;
      const value = block[node.dataset.actionId];
      const chosen = [].concat(value);
      const type = node.dataset.bkInput;
      if (type === 'checkboxes' || type === 'radio_buttons') {
        node.querySelectorAll('input').forEach(input => { input.checked = chosen.indexOf(input.value) >= 0; });
      } else if (/external_select$/.test(type)) {
        return;
      } else if (node.tagName === 'SELECT') {
        Array.from(node.options).forEach(option => { option.selected = chosen.indexOf(option.value) >= 0; });
      } else {
        node.value = value;
      }
    });
  }

  /** Block ids of required inputs left empty: Slack does not let such a form be submitted. */
  function missingRequired(root) {
    return Array.from(root.querySelectorAll('[data-bk-input][data-required="true"]'))
      .filter(node => isEmpty(valueOf(node))).map(node => node.dataset.blockId);
  }

  /** Shows errors ({block_id: message}) under their inputs, clearing the others; returns how many landed. */
  function showErrors(root, errors) {
    let shown = 0;
    root.querySelectorAll('.bk-input-block').forEach(block => {
      const error = block.querySelector('.bk-error');
      const message = errors && errors[block.dataset.blockId];
      error.textContent = message || '';
      error.hidden = !message;
      block.classList.toggle('bk-has-error', !!message);
      const control = block.querySelector('input, select, textarea');
      if (control) control.setAttribute('aria-invalid', message ? 'true' : 'false');
      if (message) shown++;
    });
    return shown;
  }

  global.BlockKit = {
    renderBlocks: renderBlocks,
    renderBlock: renderBlock,
    mrkdwn: mrkdwn,
    textObject: textObject,
    withEmoji: withEmoji,
    collectValues: collectValues,
    restoreValues: restoreValues,
    missingRequired: missingRequired,
    showErrors: showErrors,
    emoji: emoji
  };
})(window);
