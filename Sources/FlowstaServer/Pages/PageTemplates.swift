/// The hosted pages' Mustache templates (`{{x}}` is HTML-escaped; no template outputs raw
/// user input). Scripts are external modules only, so the CSP needs no `unsafe-inline`.
enum PageTemplates {
    static let all: [String: String] = [
        "head": head, "foot": foot, "signin": signIn, "signup": signUp, "consent": consent, "error": error, "account": account,
        "continue": passThrough, "limit": limit,
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
      <input id="email" name="email" type="email" autocomplete="email">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="new-password" minlength="8" required aria-describedby="password-help">
      <small id="password-help">At least 8 characters. It never leaves this page.</small>
      <label for="password_confirm">Repeat the password</label>
      <input id="password_confirm" name="password_confirm" type="password" autocomplete="new-password" required>
      <p id="form-error" class="error" role="alert" aria-live="polite"></p>
      <button id="signup-submit" type="submit">Create account</button>
    </form>
    <p class="alt">Already have an account? <a href="/signin?continue={{continueEncoded}}">Sign in</a></p>
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
      <p class="small">Kept in your vault, encrypted with a key made from your password on your devices: Flowsta cannot read it.</p>
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
}
