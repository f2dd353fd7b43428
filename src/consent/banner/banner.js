/*
 * Mamori consent banner. Served as-is at /consent/banner.js: plain ES2017, no dependencies, no build step.
 * Load it with <script async src="https://mamori.example/consent/banner.js"></script>; it never blocks
 * rendering. Tags written as <script type="text/plain" data-mamori-purpose="KEY"> run only once KEY is
 * granted. Choices are kept in localStorage with a random visitor id and reported to the ledger.
 */
(() => {
  const me = document.currentScript;
  if (!me || window.mamoriConsent) return;
  const base = new URL(me.src, location.href).origin;
  const pageLang = (
    me.getAttribute('data-lang') ||
    document.documentElement.lang ||
    navigator.language ||
    'ja'
  )
    .slice(0, 2)
    .toLowerCase();
  const lang = pageLang === 'en' ? 'en' : 'ja';
  // What can wait (the IAB layer, the dialog) runs after the page's first paint, so the banner never holds it
  // back (bench/results/consent.md): the next frame's animation callback, then a task. A hidden page paints
  // nothing, so there it runs at once.
  const afterPaint = (fn) => {
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      fn();
    };
    if (document.visibilityState === 'hidden') return run();
    requestAnimationFrame(() => setTimeout(run, 0));
    document.addEventListener('visibilitychange', run, { once: true });
  };
  // IAB TCF v2.3 / GPP only when the site asks (data-tcf): stubs that queue calls now, the IAB layer later.
  // As both specifications require of the stub, frames can find the CMP from the start: locator frames named
  // __tcfapiLocator and __gppLocator, and __tcfapiCall / __gppCall messages answered with __tcfapiReturn /
  // __gppReturn by whichever __tcfapi / __gpp is in place (the stub's queue, then the IAB layer).
  if (me.hasAttribute('data-tcf')) {
    const tq = [];
    const tcf = (cmd, v, cb, param) => {
      if (cmd === 'ping' && typeof cb === 'function')
        cb({ gdprApplies: true, cmpLoaded: false, cmpStatus: 'stub', apiVersion: '2.3' }, true);
      else tq.push([cmd, v, cb, param]);
    };
    tcf.queue = tq;
    window.__tcfapi = window.__tcfapi || tcf;
    const gq = [];
    window.__gpp =
      window.__gpp ||
      ((...args) => {
        if (!args.length) return gq;
        const [cmd, cb] = args;
        if (cmd === 'events') return [];
        if (cmd === 'ping' && typeof cb === 'function')
          cb(
            { gppVersion: '1.1', cmpStatus: 'stub', cmpDisplayStatus: 'hidden', signalStatus: 'not ready' },
            true,
          );
        else gq.push(args);
      });
    const locate = (name) => {
      if (window.frames[name]) return;
      if (!document.body) return setTimeout(locate, 5, name);
      const f = document.createElement('iframe');
      f.style.display = 'none';
      f.name = name;
      f.title = name;
      f.setAttribute('aria-hidden', 'true');
      f.tabIndex = -1;
      document.body.append(f);
    };
    locate('__tcfapiLocator');
    locate('__gppLocator');
    window.addEventListener('message', (e) => {
      let d = e.data;
      const text = typeof d === 'string';
      if (text && !/__(tcfapi|gpp)Call/.test(d)) return;
      try {
        if (text) d = JSON.parse(d);
      } catch (_e) {
        return;
      }
      const from = e.source;
      if (!d || typeof d !== 'object' || !from) return;
      // The answer goes back in the form the call came in (object or JSON text), tagged with its callId.
      const answer = (key, id) => (returnValue, success) => {
        const m = {};
        m[key] = { returnValue, success, callId: id };
        from.postMessage(text ? JSON.stringify(m) : m, '*');
      };
      const t = d.__tcfapiCall;
      if (t && window.__tcfapi)
        window.__tcfapi(t.command, t.version, answer('__tcfapiReturn', t.callId), t.parameter);
      const g = d.__gppCall;
      if (g && window.__gpp) window.__gpp(g.command, answer('__gppReturn', g.callId), g.parameter, g.version);
    });
    window.mamoriCmpBase = base;
    // The IAB layer (~28 kB gzipped) is fetched at once but run after the first paint: an async script that
    // arrives earlier runs before the first paint. The stubs answer and queue meanwhile.
    const cmp = `${base}/consent/cmp.js`;
    const pre = document.createElement('link');
    pre.rel = 'preload';
    pre.as = 'script';
    pre.href = cmp;
    document.head.append(pre);
    afterPaint(() => {
      const s = document.createElement('script');
      s.async = true;
      s.src = cmp;
      document.head.append(s);
    });
  }
  // GPC (CCPA Regs §7025): the browser's opt-out of sale and sharing is a choice, not a hint.
  const gpc = navigator.globalPrivacyControl === true;
  const STORE = 'mamori-consent';
  const T = {
    ja: {
      title: 'Cookie 等の利用について',
      text: '当サイトでは、以下の目的で Cookie 等を利用します。目的ごとに同意するかどうかを選べます。',
      all: 'すべて同意する',
      none: 'すべて拒否する',
      choose: '選択する',
      save: '選択を保存する',
      settings: '詳細設定',
      gpc: 'ブラウザの GPC 設定により拒否しています',
    },
    en: {
      title: 'How we use cookies',
      text: 'We use cookies and similar technologies for the purposes below. You can choose for each purpose.',
      all: 'Accept all',
      none: 'Reject all',
      choose: 'Choose',
      save: 'Save my choices',
      settings: 'Settings',
      gpc: 'Refused because your browser sends GPC',
    },
  }[lang];

  const read = () => {
    try {
      return JSON.parse(localStorage.getItem(STORE) || 'null');
    } catch (_e) {
      return null;
    }
  };
  const write = (value) => {
    try {
      localStorage.setItem(STORE, JSON.stringify(value));
    } catch (_e) {
      /* storage refused (private mode): the choice holds for this page only */
    }
  };
  const uuid = () => {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    const h = Array.from(b, (x) => (x + 256).toString(16).slice(1)).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };

  let stored = read();
  // biome-ignore lint/complexity/useOptionalChain: plain ES2017, served to browsers as written
  const visitorId = (stored && stored.v) || uuid();
  let config = null;
  let box = null;

  /** Replaces each inert tag of a granted purpose with a live copy, once. */
  const activate = (choices) => {
    const tags = document.querySelectorAll('script[type="text/plain"][data-mamori-purpose]');
    for (const tag of tags) {
      if (!choices[tag.getAttribute('data-mamori-purpose')]) continue;
      const live = document.createElement('script');
      for (const a of tag.attributes) if (a.name !== 'type') live.setAttribute(a.name, a.value);
      live.text = tag.text;
      tag.parentNode.replaceChild(live, tag);
    }
  };

  const report = (choices) =>
    fetch(`${base}/api/public/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      keepalive: true,
      body: JSON.stringify({
        visitorId,
        eventId: uuid(),
        language: lang,
        gpc,
        shown: `banner:v${config.noticeVersion || 0}:${lang}`,
        choices: config.purposes.map((p) => ({
          purpose: p.key,
          decision: choices[p.key] ? 'granted' : 'denied',
        })),
      }),
    }).catch(() => {});

  const decide = (choices) => {
    for (const p of config.purposes) if (gpc && p.gpcOptOut) choices[p.key] = false;
    const revs = {};
    for (const p of config.purposes) revs[p.key] = p.rev;
    stored = { v: visitorId, n: config.noticeVersion, c: choices, r: revs, at: Date.now() };
    write(stored);
    close();
    activate(choices);
    document.dispatchEvent(new CustomEvent('mamori:consent', { detail: Object.assign({}, choices) }));
    void report(choices);
  };

  const el = (tag, attrs, text) => {
    const e = document.createElement(tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  };
  const button = (label, primary, onClick) => {
    const b = el('button', { type: 'button' }, label);
    b.style.cssText = `font:inherit;padding:.5em 1em;margin:.25em .5em .25em 0;border-radius:4px;cursor:pointer;border:2px solid #0b3d91;${primary ? 'background:#0b3d91;color:#fff' : 'background:#fff;color:#0b3d91'}`;
    b.addEventListener('click', onClick);
    return b;
  };

  function close() {
    if (box) box.remove();
    box = null;
  }

  /** The banner: a labelled, non-modal dialog; equal-weight accept and reject, details on demand. */
  function open() {
    if (!config) return;
    close();
    box = el('div', { role: 'dialog', 'aria-labelledby': 'mamori-t', 'aria-describedby': 'mamori-d', lang });
    box.style.cssText =
      'position:fixed;left:0;right:0;bottom:0;z-index:2147483647;background:#fff;color:#1a1a1a;border-top:3px solid #0b3d91;padding:1em 1.5em;font:16px/1.5 system-ui,sans-serif;box-shadow:0 -2px 12px rgba(0,0,0,.25)';
    box.append(el('h2', { id: 'mamori-t', style: 'font-size:1.15em;margin:0 0 .25em' }, T.title));
    box.append(el('p', { id: 'mamori-d', style: 'margin:0 0 .5em' }, T.text));
    const list = el('ul', { style: 'margin:0 0 .5em;padding-left:1.2em' });
    for (const p of config.purposes) list.append(el('li', {}, p.name[lang]));
    box.append(list);
    const choose = el('fieldset', { hidden: '', style: 'border:1px solid #767676;margin:0 0 .5em' });
    // biome-ignore lint/complexity/useOptionalChain: plain ES2017, served to browsers as written
    const prior = (stored && stored.c) || {};
    for (const p of config.purposes) {
      const label = el('label', { style: 'display:block' });
      const input = el('input', { type: 'checkbox', name: p.key });
      input.checked = !!prior[p.key] && !(gpc && p.gpcOptOut);
      if (gpc && p.gpcOptOut) input.disabled = true;
      label.append(input, ` ${p.name[lang]}${gpc && p.gpcOptOut ? ` (${T.gpc})` : ''}`);
      choose.append(label);
    }
    choose.append(
      button(T.save, true, () => {
        const c = {};
        for (const i of choose.querySelectorAll('input')) c[i.name] = i.checked;
        decide(c);
      }),
    );
    box.append(choose);
    const all = (value) => () => {
      const c = {};
      for (const p of config.purposes) c[p.key] = value;
      decide(c);
    };
    const first = button(T.all, true, all(true));
    box.append(
      first,
      button(T.none, true, all(false)),
      button(T.choose, false, () => {
        choose.hidden = false;
        const firstBox = choose.querySelector('input:not([disabled])');
        if (firstBox) firstBox.focus();
      }),
      el(
        'a',
        {
          href: `${base}/privacy/preferences?v=${visitorId}&lang=${lang}`,
          style: 'color:#0b3d91;margin-left:.5em',
        },
        T.settings,
      ),
    );
    document.body.append(box);
    first.focus();
  }

  window.mamoriConsent = {
    visitorId,
    open,
    choices: () => (stored ? Object.assign({}, stored.c) : {}),
  };

  fetch(`${base}/api/public/consent/config`)
    .then((r) => r.json())
    .then((c) => {
      config = c;
      const current = stored && config.purposes.every((p) => stored.r && stored.r[p.key] === p.rev);
      if (!current) {
        // Building the dialog and focusing its first button lays the page out: not before its first paint.
        afterPaint(() => {
          if (document.body) open();
          else document.addEventListener('DOMContentLoaded', open);
        });
        return;
      }
      const granted = Object.assign({}, stored.c);
      // A GPC signal turned on after an earlier "yes" withdraws it, and the change is reported.
      const flipped = gpc && config.purposes.some((p) => p.gpcOptOut && granted[p.key]);
      if (flipped) decide(granted);
      else activate(granted);
    })
    .catch(() => {});
})();
