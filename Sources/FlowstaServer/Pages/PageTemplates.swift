/// The hosted pages' Mustache templates (`{{x}}` is HTML-escaped; no template outputs raw
/// user input). Scripts are external modules only, so the CSP needs no `unsafe-inline`.
enum PageTemplates {
    static let all: [String: String] = [
        "head": head, "foot": foot, "signin": signIn, "signup": signUp, "consent": consent, "error": error, "account": account,
        "continue": passThrough, "limit": limit, "forgot": forgot, "reset": reset, "verify-email": verifyEmail,
        "recovery-step": recoveryStep, "home": home,
    ]

    static let head = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Flowsta</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/static/css/flowsta.css">
    </head>
    <body>
    <header class="brand"><a href="/account">Flowsta</a></header>
    <main class="card">
    """

    static let foot = """
    </main>
    <footer class="foot">Flowsta never sees your password: it is checked with OPAQUE, in this page.</footer>
    </body>
    </html>
    """

    static let signIn = """
    {{> head}}
    <h1>Sign in</h1>
    {{#appName}}<p class="lead">to continue to <strong>{{appName}}</strong></p>{{/appName}}
    <noscript><p class="error">Signing in needs JavaScript: your password is checked with OPAQUE inside this page and never sent.</p></noscript>
    <form id="signin-form" class="stack" data-continue="{{continue}}" novalidate>
      <label for="username">Username</label>
      <input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <p id="form-error" class="error" role="alert" aria-live="polite"></p>
      <button id="signin-submit" type="submit">Sign in</button>
    </form>
    <p class="alt"><a id="forgot-link" href="/forgot?continue={{continueEncoded}}">Forgot your password?</a></p>
    <p class="alt">New to Flowsta? <a id="signup-link" href="/signup?continue={{continueEncoded}}">Create an account</a></p>
    <script type="module" src="/static/js/pages/signin.js"></script>
    {{> foot}}
    """

    static let signUp = """
    {{> head}}
    <h1>Create your Flowsta account</h1>
    {{#appName}}<p class="lead">to continue to <strong>{{appName}}</strong></p>{{/appName}}
    <noscript><p class="error">Creating an account needs JavaScript: your password is protected with OPAQUE inside this page and never sent.</p></noscript>
    <form id="signup-form" class="stack" data-continue="{{continue}}" novalidate>
      <label for="username">Username</label>
      <input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required
             aria-describedby="username-help">
      <small id="username-help">3–30 letters, digits, dashes or underscores, starting with a letter.</small>
      <label for="display_name">Display name <span class="optional">(optional)</span></label>
      <input id="display_name" name="display_name" autocomplete="name">
      <label for="email">Email <span class="optional">(optional, only shared with apps you allow)</span></label>
      <input id="email" name="email" type="email" autocomplete="email" aria-describedby="email-help">
      <small id="email-help">We send it a link to verify it. A verified address lets you reset a forgotten password.</small>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="new-password" minlength="8" required aria-describedby="password-help">
      <small id="password-help">At least 8 characters. It never leaves this page.</small>
      <label for="password_confirm">Repeat the password</label>
      <input id="password_confirm" name="password_confirm" type="password" autocomplete="new-password" required>
      <p id="form-error" class="error" role="alert" aria-live="polite"></p>
      <button id="signup-submit" type="submit">Create account</button>
    </form>
    <p class="alt" id="signin-alt">Already have an account? <a href="/signin?continue={{continueEncoded}}">Sign in</a></p>
    {{> recovery-step}}
    <script type="module" src="/static/js/pages/signup.js"></script>
    {{> foot}}
    """

    static let consent = """
    {{> head}}
    <h1>Allow {{appName}}?</h1>
    <p class="lead">Signed in as <strong>{{username}}</strong>. <strong>{{appName}}</strong> asks to:</p>
    <form id="consent-form" method="post" action="/oauth/authorize" class="stack" data-analytics="submit"
          data-client-id="{{clientID}}" data-month="{{month}}" data-reauth="{{reauth}}"
          data-app-name="{{appName}}" data-scopes="{{scopeList}}">
      <input type="hidden" name="csrf_token" value="{{csrf}}">
      {{#parameters}}<input type="hidden" name="{{name}}" value="{{value}}">
      {{/parameters}}
      <input type="hidden" name="analytics_month" value="{{month}}">
      <input type="hidden" name="analytics_id" value="">
      <ul class="scopes">
      {{#scopes}}<li>{{words}}</li>
      {{/scopes}}
      {{#email}}<li><label class="check"><input type="checkbox" name="share_email" value="yes" id="share_email"> {{words}} <span class="optional">(only if you tick this)</span></label></li>{{/email}}
      </ul>
      {{#links}}<p class="small">{{#privacy}}<a href="{{privacy}}" rel="noopener noreferrer">Privacy policy</a>{{/privacy}} {{#terms}}<a href="{{terms}}" rel="noopener noreferrer">Terms</a>{{/terms}}</p>{{/links}}
      <div class="actions">
        <button id="consent-deny" type="submit" name="decision" value="deny" class="secondary">Deny</button>
        <button id="consent-allow" type="submit" name="decision" value="allow">Allow</button>
      </div>
      <p id="form-error" class="error" role="alert" aria-live="polite"></p>
    </form>
    <script type="module" src="/static/js/pages/authorize.js"></script>
    <p class="small">You can disconnect this app at any time from <a href="/account">your account</a>.</p>
    {{> foot}}
    """

    static let error = """
    {{> head}}
    <h1>{{heading}}</h1>
    <p class="lead" id="error-description">{{description}}</p>
    <p class="small">Error code: <code id="error-code">{{code}}</code></p>
    <p class="small">If an app sent you here, go back to it and try again, or tell its developer.</p>
    {{> foot}}
    """

    static let account = """
    {{> head}}
    <h1>Your account</h1>
    <p class="lead">Signed in as <strong id="account-username">{{username}}</strong>.</p>
    <section id="email-section" aria-labelledby="email-title">
      <h2 id="email-title">Email</h2>
      {{#email}}<p>Your address: <strong id="account-email">{{address}}</strong> ·
        {{#verified}}<span id="email-status" class="ok">verified</span>{{/verified}}{{^verified}}<span id="email-status" class="warn">not verified</span>{{/verified}}</p>
      {{^verified}}<p class="small">Follow the link we sent to verify it: only a verified address can reset a forgotten password, and apps see it as verified.</p>
      <button id="resend-verification" type="button" class="secondary">Send the link again</button>{{/verified}}{{/email}}
      {{^email}}<p id="no-email">No email address. Without one, only your recovery code can restore a forgotten password.</p>{{/email}}
      <p id="email-message" class="small" role="status" aria-live="polite"></p>
    </section>
    <section id="password-section" aria-labelledby="password-title">
      <h2 id="password-title">Change your password</h2>
      <p class="small">Your activity, apps and analytics stay as they are. Other devices are signed out.</p>
      <form id="password-form" class="stack" data-username="{{username}}" novalidate>
        <label for="current_password">Current password</label>
        <input id="current_password" name="current_password" type="password" autocomplete="current-password" required>
        <label for="new_password">New password</label>
        <input id="new_password" name="new_password" type="password" autocomplete="new-password" minlength="8" required>
        <label for="new_password_confirm">Repeat the new password</label>
        <input id="new_password_confirm" name="new_password_confirm" type="password" autocomplete="new-password" required>
        <p id="password-error" class="error" role="alert" aria-live="polite"></p>
        <p id="password-status" class="ok" role="status" aria-live="polite"></p>
        <button id="password-submit" type="submit">Change password</button>
      </form>
    </section>
    <section id="recovery-section" aria-labelledby="recovery-title">
      <h2 id="recovery-title">Recovery code</h2>
      <p id="recovery-state">{{#hasRecoveryCode}}You have a recovery code. If you lost it, make a new one: the old one stops working.{{/hasRecoveryCode}}{{^hasRecoveryCode}}You have no recovery code. Make one: it is the only way to reset a forgotten password without losing your activity.{{/hasRecoveryCode}}</p>
      <form id="recovery-new-form" class="stack" data-username="{{username}}" novalidate>
        <label for="recovery_password">Your password</label>
        <input id="recovery_password" name="recovery_password" type="password" autocomplete="current-password" required>
        <p id="recovery-new-error" class="error" role="alert" aria-live="polite"></p>
        <button id="recovery-new-submit" type="submit" class="secondary">Make a new recovery code</button>
      </form>
      <div id="recovery-new-result" hidden>
        <p>Your new recovery code. Write it down and keep it safe: it is shown only now.</p>
        <p class="code" id="new-recovery-code"></p>
      </div>
    </section>
    <section id="sessions-section" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      <p class="small">Flowsta keeps no device name or address: only the day each sign-in began.</p>
      <p id="sessions-status" role="status" aria-live="polite">Loading your sessions…</p>
      <ul id="sessions-list" class="sessions"></ul>
      <button id="signout-others" type="button" class="secondary">Sign out everywhere else</button>
    </section>
    <h2>Connected apps</h2>
    {{^apps}}<p id="no-apps">No app can access your account.</p>{{/apps}}
    <ul class="apps">
    {{#apps}}<li class="app"><div><strong>{{name}}</strong><br><small>Can: {{scopes}} · since {{since}}</small></div>
      <form method="post" action="/account/apps/{{appID}}/disconnect">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <button type="submit" class="secondary" aria-label="Disconnect {{name}}">Disconnect</button>
      </form></li>
    {{/apps}}
    </ul>
    <section id="history" aria-labelledby="history-title">
      <h2 id="history-title">Your activity</h2>
      <p class="small">Kept in your vault, encrypted on your devices with a key only you hold: Flowsta cannot read it.</p>
      <p id="history-status">Loading your activity…</p>
      <ul id="history-list" class="history"></ul>
    </section>
    <p><a id="export-data" href="/auth/me/export" download>Download all the data Flowsta holds about you</a></p>
    <form method="post" action="/account/signout" id="signout-form">
      <input type="hidden" name="csrf_token" value="{{csrf}}">
      <button type="submit" class="secondary" id="signout">Sign out</button>
    </form>
    <script type="module" src="/static/js/pages/account.js"></script>
    {{> foot}}
    """

    /// Consent is on record: the script sends the analytics id with the approval at once.
    static let passThrough = """
    {{> head}}
    <h1>Continuing to {{appName}}…</h1>
    <p class="lead">Signed in as <strong>{{username}}</strong>. You already allowed <strong>{{appName}}</strong>.</p>
    <form id="authorize-form" method="post" action="/oauth/authorize" class="stack" data-analytics="auto"
          data-client-id="{{clientID}}" data-month="{{month}}" data-reauth="{{reauth}}"
          data-app-name="{{appName}}" data-scopes="{{scopeList}}">
      <input type="hidden" name="csrf_token" value="{{csrf}}">
      {{#parameters}}<input type="hidden" name="{{name}}" value="{{value}}">
      {{/parameters}}
      <input type="hidden" name="flow" value="continue">
      <input type="hidden" name="decision" value="allow">
      <input type="hidden" name="analytics_month" value="{{month}}">
      <input type="hidden" name="analytics_id" value="">
      <p id="form-error" class="error" role="alert" aria-live="polite"></p>
      <button id="continue" type="submit">Continue</button>
    </form>
    <p class="small">Your browser sends {{appName}}'s developer an anonymous monthly count only: an id made from a key that never leaves this browser.</p>
    <script type="module" src="/static/js/pages/authorize.js"></script>
    {{> foot}}
    """

    /// The app's organization used up its free plan's monthly active users.
    static let limit = """
    {{> head}}
    <h1>{{appName}} cannot sign in new users this month</h1>
    <p class="lead" id="error-description">{{appName}} has reached the {{limit}} monthly active users of its plan. Your account is fine: the app's developer needs to upgrade, or you can try again next month.</p>
    <p class="small">Error code: <code id="error-code">access_denied</code></p>
    <p><a id="back-to-app" class="button" href="{{back}}">Back to {{appName}}</a></p>
    {{> foot}}
    """

    /// Shown once, by the sign-up and reset pages' scripts, with the new recovery code.
    static let recoveryStep = """
    <section id="recovery-step" hidden aria-labelledby="recovery-step-title">
      <h2 id="recovery-step-title">Your recovery code</h2>
      <p>If you forget your password, this code lets you set a new one <strong>without losing anything</strong>. It is shown only now: write it down or save it somewhere safe.</p>
      <p class="code" id="recovery-code" aria-live="polite"></p>
      <p class="small">Flowsta cannot read your activity and does not keep this code. Without a verified email address and without this code, nobody — not even Flowsta — can give you your account back.</p>
      <form id="recovery-confirm-form" class="stack" novalidate>
        <label class="check"><input type="checkbox" id="recovery-saved" required> I have saved my recovery code</label>
        <p id="recovery-error" class="error" role="alert" aria-live="polite"></p>
        <button id="recovery-continue" type="submit">Continue</button>
      </form>
    </section>
    """

    static let forgot = """
    {{> head}}
    <h1>Forgot your password?</h1>
    <noscript><p class="error">This needs JavaScript: your recovery code and new password are used inside this page and never sent.</p></noscript>
    <section id="with-code" aria-labelledby="with-code-title">
      <h2 id="with-code-title">I have my recovery code</h2>
      <p class="small">Set a new password with the recovery code you saved when you created your account. Nothing is lost.</p>
      <form id="recovery-form" class="stack" data-continue="{{continue}}" novalidate>
        <label for="username">Username</label>
        <input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required>
        <label for="recovery_code">Recovery code</label>
        <input id="recovery_code" name="recovery_code" autocomplete="off" autocapitalize="characters" spellcheck="false" required
               placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX">
        <label for="password">New password</label>
        <input id="password" name="password" type="password" autocomplete="new-password" minlength="8" required>
        <label for="password_confirm">Repeat the new password</label>
        <input id="password_confirm" name="password_confirm" type="password" autocomplete="new-password" required>
        <p id="form-error" class="error" role="alert" aria-live="polite"></p>
        <button id="recovery-submit" type="submit">Set the new password</button>
      </form>
    </section>
    <section id="with-email" aria-labelledby="with-email-title">
      <h2 id="with-email-title">I do not have my recovery code</h2>
      <p class="small">If your account has a verified email address, we send it a link to set a new password. <strong>Your activity history
        will be deleted</strong>: it is encrypted with a key that only your old password or your recovery code can open. Your username,
        connected apps, consents and organizations stay.</p>
      <form id="reset-request-form" class="stack" novalidate>
        <label for="reset_email">Email address</label>
        <input id="reset_email" name="reset_email" type="email" autocomplete="email" required>
        <p id="reset-request-error" class="error" role="alert" aria-live="polite"></p>
        <p id="reset-request-status" class="ok" role="status" aria-live="polite"></p>
        <button id="reset-request-submit" type="submit" class="secondary">Email me a reset link</button>
      </form>
    </section>
    <p class="alt"><a href="/signin?continue={{continueEncoded}}">Back to sign in</a></p>
    <script type="module" src="/static/js/pages/forgot.js"></script>
    {{> foot}}
    """

    /// The reset link's page; the token is in the URL's fragment, which browsers never send.
    static let reset = """
    {{> head}}
    <h1>Set a new password</h1>
    <noscript><p class="error">This needs JavaScript: your new password is protected inside this page and never sent.</p></noscript>
    <div id="reset-warning" class="warning" role="note">
      <p><strong>What you lose:</strong> your activity history (the sign-ins and consents kept in your encrypted vault). It was
        encrypted with a key only your old password or your recovery code could open, so it is deleted.</p>
      <p><strong>What stays:</strong> your username, email address, connected apps and their consents, and your organizations.</p>
      <p class="small">Still have your recovery code? <a href="/forgot">Use it instead</a>: it keeps everything.</p>
    </div>
    <form id="reset-form" class="stack" novalidate>
      <label for="password">New password</label>
      <input id="password" name="password" type="password" autocomplete="new-password" minlength="8" required>
      <label for="password_confirm">Repeat the new password</label>
      <input id="password_confirm" name="password_confirm" type="password" autocomplete="new-password" required>
      <label class="check"><input type="checkbox" id="reset-understood" required> I understand that my activity history will be deleted</label>
      <p id="form-error" class="error" role="alert" aria-live="polite"></p>
      <button id="reset-submit" type="submit">Reset my password</button>
    </form>
    {{> recovery-step}}
    <script type="module" src="/static/js/pages/reset.js"></script>
    {{> foot}}
    """

    /// The verification link's page; the token is in the URL's fragment.
    static let verifyEmail = """
    {{> head}}
    <h1>Verify your email address</h1>
    <noscript><p class="error">Verifying needs JavaScript.</p></noscript>
    <p id="verify-status" class="lead" role="status" aria-live="polite">Verifying…</p>
    <p><a id="to-account" href="/account">Go to your account</a></p>
    <script type="module" src="/static/js/pages/verify-email.js"></script>
    {{> foot}}
    """

    /// `GET /`: what this server is, and where to go.
    static let home = """
    {{> head}}
    <h1>Flowsta Auth</h1>
    <p class="lead">Privacy-first sign-in for apps: "Sign in with Flowsta" (OAuth 2.0 and OpenID Connect).</p>
    <p class="small">Your password never reaches this server (it is checked with OPAQUE in your browser), no address or device
      data is stored, your activity is encrypted with a key only you hold, and apps count their monthly users without learning who they are.</p>
    <ul class="links" id="home-links">
      <li><a id="home-signup" href="/signup">Create an account</a></li>
      <li><a id="home-signin" href="/signin">Sign in</a></li>
      <li><a id="home-account" href="/account">Your account</a></li>
      <li><a id="home-dashboard" href="/dashboard">Developer dashboard</a></li>
    </ul>
    <p class="small">For developers: <a id="home-discovery" href="/.well-known/openid-configuration">OpenID Connect discovery</a> ·
      <a id="home-openapi" href="/openapi.json">API document (OpenAPI 3.1)</a></p>
    {{> foot}}
    """
}
