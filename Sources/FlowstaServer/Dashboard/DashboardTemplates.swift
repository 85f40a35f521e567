/// The dashboard's Mustache templates. `{{x}}` is HTML-escaped; the only unescaped output is
/// `{{{chart}}}`, SVG built by ``SVGChart`` from numbers and escaped labels. Scripts are
/// external files (`/static/js/dashboard.js`), so the CSP needs no `unsafe-inline`.
enum DashboardTemplates {
    static let all: [String: String] = [
        "dash-head": head, "dash-foot": foot, "dash-home": home, "dash-org": organization, "dash-apps": apps, "dash-app": app,
        "dash-reveal": reveal, "dash-keys": keys, "dash-error": error, "dash-app-fields": appFields,
        "dash-signedout": signedOut, "dash-logs": logs, "dash-notices": notices, "dash-settings": settings, "dash-team": team, "dash-accept": accept, "dash-billing": billing, "dash-meters": meters, "dash-usage": usage, "dash-mau": mau, "dash-audit": audit,
    ]

    static let head = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Flowsta Dashboard</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/static/css/flowsta.css">
    <link rel="stylesheet" href="/static/css/dashboard.css">
    </head>
    <body class="dash">
    <a class="skip" href="#main">Skip to content</a>
    <header class="dash-top">
      <a class="dash-brand" href="/dashboard">Flowsta <span>Dashboard</span></a>
      {{#user}}
      <form class="dash-signout" method="post" action="/dashboard/signout">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <span class="small">Signed in as <strong>{{user}}</strong></span>
        <button class="secondary" type="submit">Sign out</button>
      </form>
      {{/user}}
    </header>
    <div class="dash-frame">
    {{#org}}
    <nav class="dash-nav" aria-label="Organization">
      <p class="dash-org-name">{{name}} <span class="badge">{{plan}}</span></p>
      <p class="small">Your role: {{role}}</p>
      <ul>
        <li><a href="/dashboard/orgs/{{id}}"{{#navOverview}} aria-current="page"{{/navOverview}}>Overview</a></li>
        <li><a href="/dashboard/orgs/{{id}}/apps"{{#navApps}} aria-current="page"{{/navApps}}>Apps</a></li>
        <li><a href="/dashboard/orgs/{{id}}/keys"{{#navKeys}} aria-current="page"{{/navKeys}}>API keys</a></li>
        <li><a href="/dashboard/orgs/{{id}}/billing"{{#navBilling}} aria-current="page"{{/navBilling}}>Plan and billing</a></li>
        <li><a href="/dashboard/orgs/{{id}}/team"{{#navTeam}} aria-current="page"{{/navTeam}}>Team</a></li>
        <li><a href="/dashboard/orgs/{{id}}/usage"{{#navUsage}} aria-current="page"{{/navUsage}}>Usage</a></li>
        <li><a href="/dashboard/orgs/{{id}}/mau"{{#navMAU}} aria-current="page"{{/navMAU}}>Monthly active users</a></li>
        <li><a href="/dashboard/orgs/{{id}}/logs"{{#navLogs}} aria-current="page"{{/navLogs}}>API logs</a></li>
        <li><a href="/dashboard/orgs/{{id}}/audit"{{#navAudit}} aria-current="page"{{/navAudit}}>Audit log</a></li>
        <li><a href="/dashboard/orgs/{{id}}/settings"{{#navSettings}} aria-current="page"{{/navSettings}}>Data and deletion</a></li>
      </ul>
      <p><a href="/dashboard">All organizations</a> · <a href="/dashboard/notices">Notices</a></p>
    </nav>
    {{/org}}
    <main id="main" class="dash-main">
    {{#deleted}}<p class="notice-bar" role="status">This organization was deleted: its apps and keys are stopped. An owner can restore it until {{deleted}} on <a href="/dashboard/orgs/{{org.id}}/settings">Data and deletion</a>.</p>{{/deleted}}
    """

    static let foot = """
    </main>
    </div>
    <script type="module" src="/static/js/dashboard.js"></script>
    </body>
    </html>
    """

    static let error = """
    {{> dash-head}}
    <h1>{{heading}}</h1>
    <p>{{description}}</p>
    <p><a href="/dashboard">Back to the dashboard</a></p>
    {{> dash-foot}}
    """

    static let signedOut = """
    {{> dash-head}}
    <h1>You are signed out of the dashboard</h1>
    <p><a class="button" id="signin-again" href="/dashboard/signin">Sign in again</a></p>
    <p class="small">Your Flowsta account may still be signed in on this browser for other apps; sign out of it on <a href="/account">your account page</a>.</p>
    {{> dash-foot}}
    """

    static let home = """
    {{> dash-head}}
    <h1>Your organizations</h1>
    {{#hasOrganizations}}
    <ul class="tiles" id="organization-list">
      {{#organizations}}
      <li class="tile">
        <a href="/dashboard/orgs/{{id}}"><strong>{{name}}</strong></a>
        <span class="small">{{role}} · {{plan}} plan{{#deleted}} · deleted{{/deleted}}</span>
      </li>
      {{/organizations}}
    </ul>
    {{/hasOrganizations}}
    {{^hasOrganizations}}<p class="lead">You are not in an organization yet. Create one to add apps and API keys.</p>{{/hasOrganizations}}
    <section class="panel" aria-labelledby="create-heading">
      <h2 id="create-heading">Create an organization</h2>
      <form id="create-organization" class="stack" method="post" action="/dashboard/orgs" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <label for="org-name">Name</label>
        <input id="org-name" name="name" value="{{values.name}}" required maxlength="100"{{#errors.name}} aria-invalid="true" aria-describedby="name-error"{{/errors.name}}>
        {{#errors.name}}<p class="error" id="name-error">{{errors.name}}</p>{{/errors.name}}
        <label for="org-contact">Contact email <span class="optional">(optional)</span></label>
        <input id="org-contact" name="contact_email" type="email" value="{{values.contact_email}}"{{#errors.contact_email}} aria-invalid="true" aria-describedby="contact_email-error"{{/errors.contact_email}}>
        {{#errors.contact_email}}<p class="error" id="contact_email-error">{{errors.contact_email}}</p>{{/errors.contact_email}}
        {{#errors.form}}<p class="error" role="alert">{{errors.form}}</p>{{/errors.form}}
        <button type="submit">Create organization</button>
      </form>
    </section>
    {{> dash-foot}}
    """

    static let organization = """
    {{> dash-head}}
    <h1>{{org.name}}</h1>
    <section class="panel" aria-labelledby="plan-heading">
      <h2 id="plan-heading">Plan and current use</h2>
      <p>The <strong>{{org.plan}}</strong> plan. <a href="/dashboard/orgs/{{org.id}}/billing">Plans and billing</a></p>
      {{> dash-meters}}
    </section>
    <section class="panel" aria-labelledby="business-heading">
      <h2 id="business-heading">Business information</h2>
      {{#canManage}}
      <form id="business-form" class="stack" method="post" action="/dashboard/orgs/{{org.id}}" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <label for="business-name">Name</label>
        <input id="business-name" name="name" value="{{values.name}}" required maxlength="100"{{#errors.name}} aria-invalid="true" aria-describedby="name-error"{{/errors.name}}>
        {{#errors.name}}<p class="error" id="name-error">{{errors.name}}</p>{{/errors.name}}
        <label for="business-contact">Contact email</label>
        <input id="business-contact" name="contact_email" type="email" value="{{values.contact_email}}"{{#errors.contact_email}} aria-invalid="true" aria-describedby="contact_email-error"{{/errors.contact_email}}>
        {{#errors.contact_email}}<p class="error" id="contact_email-error">{{errors.contact_email}}</p>{{/errors.contact_email}}
        <label for="business-address">Billing address</label>
        <textarea id="business-address" name="billing_address" rows="3" maxlength="500"{{#errors.billing_address}} aria-invalid="true" aria-describedby="billing_address-error"{{/errors.billing_address}}>{{values.billing_address}}</textarea>
        {{#errors.billing_address}}<p class="error" id="billing_address-error">{{errors.billing_address}}</p>{{/errors.billing_address}}
        {{#errors.form}}<p class="error" role="alert">{{errors.form}}</p>{{/errors.form}}
        {{#saved}}<p class="ok" role="status">Saved.</p>{{/saved}}
        <button type="submit">Save</button>
      </form>
      {{/canManage}}
      {{^canManage}}
      <dl class="facts">
        <dt>Name</dt><dd>{{org.name}}</dd>
        <dt>Contact email</dt><dd>{{org.contactEmail}}{{^org.contactEmail}}—{{/org.contactEmail}}</dd>
        <dt>Billing address</dt><dd>{{org.billingAddress}}{{^org.billingAddress}}—{{/org.billingAddress}}</dd>
      </dl>
      <p class="small">Only owners change business information.</p>
      {{/canManage}}
    </section>
    {{> dash-foot}}
    """

    static let apps = """
    {{> dash-head}}
    <h1>Apps</h1>
    {{#hasApps}}
    <table class="list" id="app-list">
      <caption class="sr-only">The organization's apps</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Client ID</th><th scope="col">Type</th><th scope="col">Status</th></tr></thead>
      <tbody>
        {{#apps}}
        <tr>
          <td data-label="Name"><a href="/dashboard/orgs/{{orgID}}/apps/{{id}}">{{name}}</a></td>
          <td data-label="Client ID"><code>{{clientID}}</code></td>
          <td data-label="Type">{{type}}</td>
          <td data-label="Status">{{#active}}active{{/active}}{{^active}}disabled{{/active}}</td>
        </tr>
        {{/apps}}
      </tbody>
    </table>
    {{/hasApps}}
    {{^hasApps}}<p class="lead">No apps yet.</p>{{/hasApps}}
    {{#canManage}}
    <section class="panel" aria-labelledby="new-app-heading">
      <h2 id="new-app-heading">Create an app</h2>
      <form id="create-app" class="stack" method="post" action="/dashboard/orgs/{{org.id}}/apps" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        {{> dash-app-fields}}
        <button type="submit">Create app</button>
      </form>
    </section>
    {{/canManage}}
    {{^canManage}}<p class="small">Admins and owners create and change apps.</p>{{/canManage}}
    {{> dash-foot}}
    """

    /// The app settings fields, shared by the create and edit forms.
    static let appFields = """
    <label for="app-name">Name</label>
    <input id="app-name" name="name" value="{{values.name}}" required maxlength="100"{{#errors.name}} aria-invalid="true" aria-describedby="name-error"{{/errors.name}}>
    {{#errors.name}}<p class="error" id="name-error">{{errors.name}}</p>{{/errors.name}}
    <label for="app-description">Description <span class="optional">(optional)</span></label>
    <input id="app-description" name="description" value="{{values.description}}"{{#errors.description}} aria-invalid="true" aria-describedby="description-error"{{/errors.description}}>
    {{#errors.description}}<p class="error" id="description-error">{{errors.description}}</p>{{/errors.description}}
    <fieldset>
      <legend>Type</legend>
      {{#types}}<label class="check"><input type="radio" name="type" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>{{/types}}
    </fieldset>
    {{#errors.type}}<p class="error" id="type-error">{{errors.type}}</p>{{/errors.type}}
    <label for="app-redirects">Redirect URIs <span class="optional">(one per line)</span></label>
    <textarea id="app-redirects" name="redirect_uris" rows="3" aria-describedby="redirects-help{{#errors.redirect_uris}} redirect_uris-error{{/errors.redirect_uris}}"{{#errors.redirect_uris}} aria-invalid="true"{{/errors.redirect_uris}}>{{values.redirect_uris}}</textarea>
    <small id="redirects-help">https URLs, http on localhost only; custom schemes for native and desktop apps; up to 10.</small>
    {{#errors.redirect_uris}}<p class="error" id="redirect_uris-error">{{errors.redirect_uris}}</p>{{/errors.redirect_uris}}
    <fieldset>
      <legend>Scopes the app may ask for</legend>
      {{#scopes}}<label class="check"><input type="checkbox" name="allowed_scopes" value="{{value}}"{{#checked}} checked{{/checked}}> <code>{{value}}</code></label>{{/scopes}}
    </fieldset>
    {{#errors.allowed_scopes}}<p class="error" id="allowed_scopes-error">{{errors.allowed_scopes}}</p>{{/errors.allowed_scopes}}
    <label for="app-logo">Logo URL <span class="optional">(optional, https)</span></label>
    <input id="app-logo" name="logo_url" type="url" value="{{values.logo_url}}"{{#errors.logo_url}} aria-invalid="true" aria-describedby="logo_url-error"{{/errors.logo_url}}>
    {{#errors.logo_url}}<p class="error" id="logo_url-error">{{errors.logo_url}}</p>{{/errors.logo_url}}
    <label for="app-privacy">Privacy policy URL <span class="optional">(optional, https)</span></label>
    <input id="app-privacy" name="privacy_url" type="url" value="{{values.privacy_url}}"{{#errors.privacy_url}} aria-invalid="true" aria-describedby="privacy_url-error"{{/errors.privacy_url}}>
    {{#errors.privacy_url}}<p class="error" id="privacy_url-error">{{errors.privacy_url}}</p>{{/errors.privacy_url}}
    <label for="app-terms">Terms URL <span class="optional">(optional, https)</span></label>
    <input id="app-terms" name="terms_url" type="url" value="{{values.terms_url}}"{{#errors.terms_url}} aria-invalid="true" aria-describedby="terms_url-error"{{/errors.terms_url}}>
    {{#errors.terms_url}}<p class="error" id="terms_url-error">{{errors.terms_url}}</p>{{/errors.terms_url}}
    {{#errors.form}}<p class="error" role="alert">{{errors.form}}</p>{{/errors.form}}
    """

    static let app = """
    {{> dash-head}}
    <h1>{{app.name}}</h1>
    <dl class="facts">
      <dt>Client ID</dt><dd><code id="client-id">{{app.clientID}}</code> <button class="secondary copy" type="button" data-copy="client-id">Copy</button></dd>
      <dt>Client type</dt><dd>{{#app.confidential}}confidential (has a client secret){{/app.confidential}}{{^app.confidential}}public (PKCE only){{/app.confidential}}</dd>
      <dt>Status</dt><dd>{{#app.active}}active{{/app.active}}{{^app.active}}disabled: it signs no one in{{/app.active}}</dd>
    </dl>
    {{#canManage}}
    <section class="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <form id="app-settings" class="stack" method="post" action="/dashboard/orgs/{{org.id}}/apps/{{app.id}}" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        {{> dash-app-fields}}
        {{#saved}}<p class="ok" role="status">Saved.</p>{{/saved}}
        <button type="submit">Save</button>
      </form>
    </section>
    <section class="panel" aria-labelledby="secret-heading">
      <h2 id="secret-heading">Client secret</h2>
      <p class="small">Server-side apps authenticate with a client secret. It is shown once; issuing a new one replaces the old.</p>
      <form method="post" action="/dashboard/orgs/{{org.id}}/apps/{{app.id}}/secret">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <button id="issue-secret" class="secondary" type="submit">{{#app.confidential}}Replace the client secret{{/app.confidential}}{{^app.confidential}}Issue a client secret{{/app.confidential}}</button>
      </form>
    </section>
    <section class="panel danger-zone" aria-labelledby="danger-heading">
      <h2 id="danger-heading">Disable or delete</h2>
      <form method="post" action="/dashboard/orgs/{{org.id}}/apps/{{app.id}}/active">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <input type="hidden" name="active" value="{{#app.active}}false{{/app.active}}{{^app.active}}true{{/app.active}}">
        <button id="toggle-app" class="secondary" type="submit">{{#app.active}}Disable the app{{/app.active}}{{^app.active}}Enable the app{{/app.active}}</button>
      </form>
      <form class="stack" method="post" action="/dashboard/orgs/{{org.id}}/apps/{{app.id}}/delete">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <label class="check"><input type="checkbox" name="confirm" value="yes" required> I understand the app and its users' grants are deleted for good.</label>
        {{#errors.confirm}}<p class="error" id="confirm-error">{{errors.confirm}}</p>{{/errors.confirm}}
        <button id="delete-app" class="danger" type="submit">Delete the app</button>
      </form>
    </section>
    {{/canManage}}
    {{^canManage}}
    <dl class="facts">
      <dt>Redirect URIs</dt><dd>{{#app.redirectURIs}}<code>{{.}}</code><br>{{/app.redirectURIs}}</dd>
      <dt>Scopes</dt><dd>{{#app.allowedScopes}}<code>{{.}}</code> {{/app.allowedScopes}}</dd>
    </dl>
    <p class="small">Admins and owners change apps.</p>
    {{/canManage}}
    {{> dash-foot}}
    """

    /// A secret shown once (client secret or API key).
    static let reveal = """
    {{> dash-head}}
    <h1>{{heading}}</h1>
    <p class="lead">Copy it now: Flowsta keeps only a keyed hash and cannot show it again.</p>
    <div class="reveal">
      <code id="secret-value">{{secret}}</code>
      <button class="copy" type="button" data-copy="secret-value">Copy</button>
    </div>
    <p class="small" id="copy-status" role="status" aria-live="polite"></p>
    <p><a class="button" href="{{back}}">Done</a></p>
    {{> dash-foot}}
    """

    static let keys = """
    {{> dash-head}}
    <h1>API keys</h1>
    <p class="lead">Keys call the management API (<code>Authorization: Bearer fsk_live_…</code>) for this organization.</p>
    {{#hasKeys}}
    <table class="list" id="key-list">
      <caption class="sr-only">The organization's API keys</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Status</th>{{#canManage}}<th scope="col"><span class="sr-only">Actions</span></th>{{/canManage}}</tr></thead>
      <tbody>
        {{#keys}}
        <tr>
          <td data-label="Name">{{name}}</td>
          <td data-label="Key"><code>{{prefix}}…</code></td>
          <td data-label="Created">{{created}}</td>
          <td data-label="Last used">{{lastUsed}}{{^lastUsed}}never{{/lastUsed}}</td>
          <td data-label="Status">{{status}}</td>
          {{#canManage}}
          <td class="row-actions">
            {{#live}}
            <form method="post" action="/dashboard/orgs/{{orgID}}/keys/{{id}}/rotate">
              <input type="hidden" name="csrf_token" value="{{csrf}}">
              <button class="secondary" type="submit" aria-label="Rotate {{name}}">Rotate</button>
            </form>
            <form method="post" action="/dashboard/orgs/{{orgID}}/keys/{{id}}/revoke">
              <input type="hidden" name="csrf_token" value="{{csrf}}">
              <button class="danger" type="submit" aria-label="Revoke {{name}}">Revoke</button>
            </form>
            {{/live}}
          </td>
          {{/canManage}}
        </tr>
        {{/keys}}
      </tbody>
    </table>
    {{/hasKeys}}
    {{^hasKeys}}<p>No API keys yet.</p>{{/hasKeys}}
    {{#canManage}}
    <section class="panel" aria-labelledby="new-key-heading">
      <h2 id="new-key-heading">Create an API key</h2>
      <form id="create-key" class="stack" method="post" action="/dashboard/orgs/{{org.id}}/keys" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <label for="key-name">Name</label>
        <input id="key-name" name="name" value="{{values.name}}" required maxlength="100"{{#errors.name}} aria-invalid="true" aria-describedby="name-error"{{/errors.name}}>
        {{#errors.name}}<p class="error" id="name-error">{{errors.name}}</p>{{/errors.name}}
        {{#errors.form}}<p class="error" role="alert">{{errors.form}}</p>{{/errors.form}}
        <button type="submit">Create key</button>
      </form>
    </section>
    {{/canManage}}
    {{^canManage}}<p class="small">Admins and owners create, rotate and revoke keys.</p>{{/canManage}}
    {{> dash-foot}}
    """

    static let team = """
    {{> dash-head}}
    <h1>Team</h1>
    <table class="list" id="member-list">
      <caption class="sr-only">Members</caption>
      <thead><tr><th scope="col">Member</th><th scope="col">Role</th><th scope="col">Joined</th>{{#canManage}}<th scope="col"><span class="sr-only">Actions</span></th>{{/canManage}}</tr></thead>
      <tbody>
        {{#members}}
        <tr>
          <td data-label="Member"><strong>{{username}}</strong>{{#displayName}} <span class="small">{{displayName}}</span>{{/displayName}}{{#isYou}} <span class="badge">you</span>{{/isYou}}</td>
          <td data-label="Role">{{role}}</td>
          <td data-label="Joined">{{joined}}</td>
          {{#canManage}}
          <td class="row-actions">
            {{^isYou}}
            <form method="post" action="/dashboard/orgs/{{orgID}}/team/{{userID}}/role">
              <input type="hidden" name="csrf_token" value="{{csrf}}">
              <label class="sr-only" for="role-{{userID}}">Role of {{username}}</label>
              <select id="role-{{userID}}" name="role">{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/roles}}</select>
              <button class="secondary" type="submit" aria-label="Change the role of {{username}}">Change</button>
            </form>
            <form method="post" action="/dashboard/orgs/{{orgID}}/team/{{userID}}/remove">
              <input type="hidden" name="csrf_token" value="{{csrf}}">
              <button class="danger" type="submit" aria-label="Remove {{username}}">Remove</button>
            </form>
            {{/isYou}}
          </td>
          {{/canManage}}
        </tr>
        {{/members}}
      </tbody>
    </table>
    {{#canManage}}
    <h2>Pending invites</h2>
    {{#hasInvites}}
    <table class="list" id="invite-list">
      <caption class="sr-only">Pending invites</caption>
      <thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Expires</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>
        {{#invites}}
        <tr>
          <td data-label="Email">{{email}}</td><td data-label="Role">{{role}}</td><td data-label="Expires">{{expires}}</td>
          <td class="row-actions">
            <form method="post" action="/dashboard/orgs/{{orgID}}/invites/{{id}}/resend">
              <input type="hidden" name="csrf_token" value="{{csrf}}">
              <button class="secondary" type="submit" aria-label="Resend the invite to {{email}}">Resend</button>
            </form>
            <form method="post" action="/dashboard/orgs/{{orgID}}/invites/{{id}}/revoke">
              <input type="hidden" name="csrf_token" value="{{csrf}}">
              <button class="danger" type="submit" aria-label="Revoke the invite to {{email}}">Revoke</button>
            </form>
          </td>
        </tr>
        {{/invites}}
      </tbody>
    </table>
    {{/hasInvites}}
    {{^hasInvites}}<p>No pending invites.</p>{{/hasInvites}}
    <section class="panel" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <form id="invite-form" class="stack" method="post" action="/dashboard/orgs/{{org.id}}/invites" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <label for="invite-email">Email</label>
        <input id="invite-email" name="email" type="email" value="{{values.email}}" required{{#errors.email}} aria-invalid="true" aria-describedby="email-error"{{/errors.email}}>
        {{#errors.email}}<p class="error" id="email-error">{{errors.email}}</p>{{/errors.email}}
        <label for="invite-role">Role</label>
        <select id="invite-role" name="role">{{#inviteRoles}}<option value="{{.}}">{{.}}</option>{{/inviteRoles}}</select>
        {{#errors.form}}<p class="error" role="alert">{{errors.form}}</p>{{/errors.form}}
        {{#sent}}<p class="ok" role="status">Invite sent.</p>{{/sent}}
        <button type="submit">Send invite</button>
      </form>
      <p class="small">The email carries a single-use link valid for 7 days. Members and pending invites count against the plan's seats.</p>
    </section>
    {{/canManage}}
    {{^isLastOwner}}
    <form class="leave" method="post" action="/dashboard/orgs/{{org.id}}/leave">
      <input type="hidden" name="csrf_token" value="{{csrf}}">
      <button class="secondary" type="submit">Leave this organization</button>
    </form>
    {{/isLastOwner}}
    {{> dash-foot}}
    """

    /// The plan's limits against current use (overview and billing pages).
    static let meters = """
    <dl class="meters" id="plan-use">
      {{#meters}}
      <div class="meter-row">
        <dt>{{label}}</dt>
        <dd><meter min="0" max="{{max}}" value="{{value}}" aria-label="{{label}}: {{text}}">{{text}}</meter> <span>{{text}}</span></dd>
      </div>
      {{/meters}}
    </dl>
    """

    static let billing = """
    {{> dash-head}}
    <h1>Plan and billing</h1>
    <section class="panel" aria-labelledby="use-heading">
      <h2 id="use-heading">The {{org.plan}} plan: current use</h2>
      {{> dash-meters}}
    </section>
    <section class="panel" aria-labelledby="plans-heading">
      <h2 id="plans-heading">Plans</h2>
      <table id="plan-table" class="list">
        <caption class="sr-only">What each plan includes</caption>
        <thead><tr><th scope="col">Plan</th><th scope="col">Monthly active users</th><th scope="col">Apps</th><th scope="col">Team seats</th><th scope="col">API requests</th></tr></thead>
        <tbody>
        {{#plans}}
        <tr{{#current}} class="current"{{/current}}><th scope="row">{{name}}{{#current}} <span class="badge">current</span>{{/current}}</th><td data-label="Monthly active users">{{mau}}</td><td data-label="Apps">{{apps}}</td><td data-label="Team seats">{{seats}}</td><td data-label="API requests">{{rate}}</td></tr>
        {{/plans}}
        </tbody>
      </table>
      <p class="small">Monthly active users above a paid plan's included amount are billed as usage; the free plan refuses new users above its limit.</p>
    </section>
    <section class="panel" aria-labelledby="billing-heading">
      <h2 id="billing-heading">Billing</h2>
      {{#notice}}<p class="ok" role="status" id="billing-notice">{{notice}}</p>{{/notice}}
      {{#error}}<p class="error" role="alert" id="billing-error">{{error}}</p>{{/error}}
      {{^billingConfigured}}
      <p id="billing-off">Billing is not configured on this server: its operator sets each organization's plan (<code>flowsta orgs set-plan</code>). Ask them to change yours.</p>
      {{/billingConfigured}}
      {{#billingConfigured}}
      {{^isOwner}}<p id="billing-owners">Only owners manage billing and see invoices.</p>{{/isOwner}}
      {{#isOwner}}
      <p class="small">Payments are handled by Stripe: card details are entered on Stripe's pages and never reach Flowsta.</p>
      {{#subscription}}
      <dl class="facts" id="subscription">
        <dt>Subscription</dt><dd>{{plan}} ({{status}})</dd>
        <dt>Current period ends</dt><dd>{{periodEnd}}</dd>
      </dl>
      {{#scheduled}}<p id="billing-scheduled">{{scheduled}}</p>{{/scheduled}}
      {{#warning}}<p class="error" role="alert" id="billing-warning">{{warning}}</p>{{/warning}}
      <form id="plan-form" class="stack" method="post" action="/dashboard/orgs/{{org.id}}/billing/plan">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <label for="plan-choice">Change the plan</label>
        <select id="plan-choice" name="plan">{{#changeChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/changeChoices}}</select>
        <p class="small">Upgrades apply at once (Stripe charges the difference); downgrades and cancelling take effect at the end of the period.</p>
        <button type="submit">Change plan</button>
      </form>
      {{/subscription}}
      {{#hasCheckout}}
      <div class="actions" id="checkout-buttons">
        {{#checkoutPlans}}
        <form method="post" action="/dashboard/orgs/{{org.id}}/billing/checkout">
          <input type="hidden" name="csrf_token" value="{{csrf}}">
          <input type="hidden" name="plan" value="{{value}}">
          <button type="submit">{{label}}</button>
        </form>
        {{/checkoutPlans}}
      </div>
      {{/hasCheckout}}
      {{#hasCustomer}}
      <form id="portal-form" method="post" action="/dashboard/orgs/{{org.id}}/billing/portal">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <button class="secondary" type="submit">Payment methods and billing details on Stripe</button>
      </form>
      {{/hasCustomer}}
      <h3>Invoices</h3>
      {{#hasInvoices}}
      <table id="invoice-list" class="list">
        <caption class="sr-only">Invoices, newest first</caption>
        <thead><tr><th scope="col">Invoice</th><th scope="col">Issued</th><th scope="col">Period</th><th scope="col">Total</th><th scope="col">Status</th><th scope="col">Documents</th></tr></thead>
        <tbody>
        {{#invoices}}<tr><td data-label="Invoice">{{number}}</td><td data-label="Issued">{{issued}}</td><td data-label="Period">{{period}}</td><td data-label="Total">{{total}}</td><td data-label="Status">{{status}}</td><td data-label="Documents">{{#hosted}}<a href="{{hosted}}">View</a>{{/hosted}}{{#pdf}} · <a href="{{pdf}}">PDF</a>{{/pdf}}</td></tr>{{/invoices}}
        </tbody>
      </table>
      {{/hasInvoices}}
      {{^hasInvoices}}<p id="no-invoices">No invoices yet.</p>{{/hasInvoices}}
      {{/isOwner}}
      {{/billingConfigured}}
    </section>
    {{> dash-foot}}
    """

    static let accept = """
    {{> dash-head}}
    <h1>Join {{organization}}</h1>
    <p class="lead">You were invited to <strong>{{organization}}</strong> on Flowsta as {{article}} <strong>{{role}}</strong>. Accept to join it as <strong>{{user}}</strong>.</p>
    <form id="accept-form" method="post" action="/dashboard/invites/accept">
      <input type="hidden" name="csrf_token" value="{{csrf}}">
      <input type="hidden" name="token" value="{{token}}">
      <button type="submit">Accept the invitation</button>
    </form>
    {{> dash-foot}}
    """

    static let usage = """
    {{> dash-head}}
    <h1>Usage</h1>
    <p class="downloads">Download this range: <a id="usage-csv" href="/dashboard/orgs/{{org.id}}/usage/export?format=csv&amp;days={{days}}&amp;app={{appID}}">CSV</a> · <a id="usage-json" href="/dashboard/orgs/{{org.id}}/usage/export?format=json&amp;days={{days}}&amp;app={{appID}}">JSON</a></p>
    <form class="filters" method="get" action="/dashboard/orgs/{{org.id}}/usage">
      <label for="usage-range">Range</label>
      <select id="usage-range" name="days">{{#ranges}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/ranges}}</select>
      <label for="usage-app">App</label>
      <select id="usage-app" name="app"><option value="">All apps and the management API</option>{{#appChoices}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/appChoices}}</select>
      <button class="secondary" type="submit">Show</button>
    </form>
    <p class="small">From {{from}} to {{to}} (UTC), per {{granularity}}.</p>
    {{{requestsChart}}}
    {{{errorsChart}}}
    {{{latencyChart}}}
    <h2>Totals per endpoint group</h2>
    <table class="list" id="usage-totals">
      <thead><tr><th scope="col">Group</th><th scope="col">Requests</th><th scope="col">4xx</th><th scope="col">5xx</th><th scope="col">Error rate</th><th scope="col">p50</th><th scope="col">p95</th><th scope="col">p99</th></tr></thead>
      <tbody>
        {{#totals}}<tr><th scope="row">{{group}}</th><td data-label="Requests">{{requests}}</td><td data-label="4xx">{{clientErrors}}</td><td data-label="5xx">{{serverErrors}}</td><td data-label="Error rate">{{errorRate}}</td><td data-label="p50">{{p50}}</td><td data-label="p95">{{p95}}</td><td data-label="p99">{{p99}}</td></tr>{{/totals}}
        {{^totals}}<tr><td colspan="8">No requests in this range.</td></tr>{{/totals}}
      </tbody>
    </table>
    {{> dash-foot}}
    """

    static let mau = """
    {{> dash-head}}
    <h1>Monthly active users</h1>
    <p class="lead">Counted without knowing who: each user's browser sends an id derived from a key only it holds, different for every app and month.</p>
    <p>This month, all apps: <strong id="mau-total">{{total}}</strong>{{#limit}} of {{limit}} included{{/limit}}.</p>
    {{#charts}}{{{.}}}{{/charts}}
    {{^charts}}<p>No apps yet.</p>{{/charts}}
    {{> dash-foot}}
    """

    static let audit = """
    {{> dash-head}}
    <h1>Audit log</h1>
    <table class="list" id="audit-list">
      <caption class="sr-only">Team, key and settings changes, oldest first</caption>
      <thead><tr><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">On</th></tr></thead>
      <tbody>
        {{#events}}<tr><td data-label="When">{{time}}</td><td data-label="Who">{{actor}}</td><td data-label="What"><code>{{action}}</code></td><td data-label="On">{{target}}</td></tr>{{/events}}
        {{^events}}<tr><td colspan="4">Nothing recorded.</td></tr>{{/events}}
      </tbody>
    </table>
    {{#next}}<p><a href="/dashboard/orgs/{{org.id}}/audit?cursor={{next}}">Later entries</a></p>{{/next}}
    {{> dash-foot}}
    """

    static let logs = """
    {{> dash-head}}
    <h1>API logs</h1>
    <p class="lead">Requests made with the organization's keys and apps, kept 90 days: method, route, status and time — never an address, a device, a query or a body.</p>
    <form class="filters" method="get" action="/dashboard/orgs/{{org.id}}/logs">
      <label for="logs-status">Status</label>
      <input id="logs-status" name="status" value="{{statusValue}}" placeholder="404, 4xx or 5xx" size="8">
      <label for="logs-method">Method</label>
      <select id="logs-method" name="method">{{#methods}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/methods}}</select>
      <label for="logs-app">App</label>
      <select id="logs-app" name="app"><option value="">Any</option>{{#appChoices}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/appChoices}}</select>
      <button class="secondary" type="submit">Filter</button>
    </form>
    <table class="list" id="log-list">
      <caption class="sr-only">API requests, oldest first</caption>
      <thead><tr><th scope="col">When (UTC)</th><th scope="col">Request</th><th scope="col">Status</th><th scope="col">Latency</th><th scope="col">Caller</th><th scope="col">Request id</th></tr></thead>
      <tbody>
        {{#entries}}<tr><td data-label="When">{{time}}</td><td data-label="Request"><code>{{method}} {{route}}</code></td><td data-label="Status">{{#failed}}<strong class="bad">{{status}}</strong>{{/failed}}{{^failed}}{{status}}{{/failed}}</td><td data-label="Latency">{{latency}}</td><td data-label="Caller">{{caller}}</td><td data-label="Request id"><code>{{requestID}}</code></td></tr>{{/entries}}
        {{^entries}}<tr><td colspan="6">No requests match.</td></tr>{{/entries}}
      </tbody>
    </table>
    {{#next}}<p><a href="/dashboard/orgs/{{org.id}}/logs?{{next}}">Later requests</a></p>{{/next}}
    {{> dash-foot}}
    """

    static let notices = """
    {{> dash-head}}
    <h1>Notices</h1>
    <p class="lead">Policy and terms changes (published at least 60 days before they apply), service announcements, API changes, billing and security notices. They are also emailed to every organization's contact and owners.</p>
    {{#notices}}
    <article class="panel notice">
      <h2>{{title}}</h2>
      <p class="small"><span class="badge">{{kind}}</span> Published {{published}} · effective {{effective}}</p>
      <p class="notice-body">{{body}}</p>
    </article>
    {{/notices}}
    {{^notices}}<p>No notices yet.</p>{{/notices}}
    {{> dash-foot}}
    """

    static let settings = """
    {{> dash-head}}
    <h1>Data and deletion</h1>
    <section class="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      {{#isOwner}}<p><a class="button" id="export-account" href="/dashboard/orgs/{{org.id}}/export">Download all account data (JSON)</a></p>
      <p class="small">The organization, members, invites, apps, API key metadata, audit log, daily usage of the last 2 years, monthly active users and notices.</p>{{/isOwner}}
      {{^isOwner}}<p class="small">Owners download the account data.</p>{{/isOwner}}
      {{^isDeleted}}<p>Usage: <a href="/dashboard/orgs/{{org.id}}/usage/export?format=csv">CSV</a> · <a href="/dashboard/orgs/{{org.id}}/usage/export?format=json">JSON</a> (last 30 days; other ranges on the usage page).</p>{{/isDeleted}}
    </section>
    {{#isOwner}}
    {{#isDeleted}}
    <section class="panel" aria-labelledby="restore-heading">
      <h2 id="restore-heading">Restore the organization</h2>
      <p>Its apps will sign users in again and its API keys will work again.</p>
      <form method="post" action="/dashboard/orgs/{{org.id}}/restore">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <button id="restore-organization" type="submit">Restore {{org.name}}</button>
      </form>
    </section>
    {{/isDeleted}}
    {{^isDeleted}}
    <section class="panel danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete the organization</h2>
      <p>Its apps stop signing users in and its API keys stop working at once. Owners can restore it for 30 days; after that it is purged with its apps, keys, members, usage and audit log. Billing records are kept for 7 years, as the law requires.</p>
      <form id="delete-form" class="stack" method="post" action="/dashboard/orgs/{{org.id}}/delete" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <label for="confirm-name">Type the organization's name to confirm</label>
        <input id="confirm-name" name="confirm_name" autocomplete="off"{{#errors.confirm_name}} aria-invalid="true" aria-describedby="confirm_name-error"{{/errors.confirm_name}}>
        {{#errors.confirm_name}}<p class="error" id="confirm_name-error">{{errors.confirm_name}}</p>{{/errors.confirm_name}}
        <button id="delete-organization" class="danger" type="submit">Delete the organization</button>
      </form>
    </section>
    {{/isDeleted}}
    {{/isOwner}}
    {{> dash-foot}}
    """
}
