/// The default templates of the auth pages, served after the app's own template folders:
/// an app restyles a page by putting a template with the same name (say
/// `templates/registration/login.html`) in its folder, or all of them by overriding
/// `registration/base.html`. Kept in code, not in a resource bundle, so the app binary has
/// everything it needs wherever it is copied.
enum AuthTemplates {
    static let all: [String: String] = [
        "registration/base.html": base,
        "registration/login.html": login,
        "registration/logged_out.html": loggedOut,
        "registration/password_change_form.html": passwordChangeForm,
        "registration/password_change_done.html": passwordChangeDone,
        "registration/password_reset_form.html": passwordResetForm,
        "registration/password_reset_done.html": passwordResetDone,
        "registration/password_reset_confirm.html": passwordResetConfirm,
        "registration/password_reset_complete.html": passwordResetComplete,
        "registration/password_reset_email.txt": passwordResetEmail,
        "registration/password_reset_subject.txt": passwordResetSubject,
    ]

    static let base = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{% block title %}Account{% endblock %}</title>
        <style{% if csp_nonce %} nonce="{{ csp_nonce }}"{% endif %}>
        body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
        label { display: block; margin: 0.9rem 0 0.25rem; }
        input[type=text], input[type=password], input[type=email] { width: 100%; padding: 0.45rem; box-sizing: border-box; }
        button { margin-top: 1.2rem; padding: 0.45rem 1.2rem; }
        .errors { color: #b00020; padding-left: 1.2rem; }
        .help { color: #555; font-size: 0.9rem; padding-left: 1.2rem; }
        </style>
        </head>
        <body>
        <main>{% block content %}{% endblock %}</main>
        </body>
        </html>
        """

    static let errors = """
        {% if errors %}<ul class="errors">{% for error in errors %}<li>{{ error }}</li>{% endfor %}</ul>{% endif %}
        """

    static let login = """
        {% extends "registration/base.html" %}
        {% block title %}Log in{% endblock %}
        {% block content %}
        <h1>Log in</h1>
        \(errors)
        <form method="post" action="{{ url_for('auth.login') }}">
        {{ csrf_input }}
        <label for="id_username">Username</label>
        <input type="text" name="username" id="id_username" value="{{ username }}" autocomplete="username" maxlength="254" autofocus required>
        <label for="id_password">Password</label>
        <input type="password" name="password" id="id_password" autocomplete="current-password" required>
        <input type="hidden" name="next" value="{{ next }}">
        <button type="submit">Log in</button>
        </form>
        <p><a href="{{ url_for('auth.password_reset') }}">Forgotten your password?</a></p>
        {% endblock %}
        """

    static let loggedOut = """
        {% extends "registration/base.html" %}
        {% block title %}Logged out{% endblock %}
        {% block content %}
        <h1>Logged out</h1>
        <p>You are logged out.</p>
        <p><a href="{{ url_for('auth.login') }}">Log in again</a></p>
        {% endblock %}
        """

    static let passwordChangeForm = """
        {% extends "registration/base.html" %}
        {% block title %}Password change{% endblock %}
        {% block content %}
        <h1>Password change</h1>
        \(errors)
        <form method="post">
        {{ csrf_input }}
        <label for="id_old_password">Old password</label>
        <input type="password" name="old_password" id="id_old_password" autocomplete="current-password" autofocus required>
        <label for="id_new_password1">New password</label>
        <input type="password" name="new_password1" id="id_new_password1" autocomplete="new-password" required>
        {% if help_texts %}<ul class="help">{% for text in help_texts %}<li>{{ text }}</li>{% endfor %}</ul>{% endif %}
        <label for="id_new_password2">New password confirmation</label>
        <input type="password" name="new_password2" id="id_new_password2" autocomplete="new-password" required>
        <button type="submit">Change my password</button>
        </form>
        {% endblock %}
        """

    static let passwordChangeDone = """
        {% extends "registration/base.html" %}
        {% block title %}Password changed{% endblock %}
        {% block content %}
        <h1>Password changed</h1>
        <p>Your new password is in place.</p>
        {% endblock %}
        """

    static let passwordResetForm = """
        {% extends "registration/base.html" %}
        {% block title %}Password reset{% endblock %}
        {% block content %}
        <h1>Password reset</h1>
        <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
        \(errors)
        <form method="post">
        {{ csrf_input }}
        <label for="id_email">Email address</label>
        <input type="email" name="email" id="id_email" value="{{ email }}" autocomplete="email" maxlength="254" autofocus required>
        <button type="submit">Reset my password</button>
        </form>
        {% endblock %}
        """

    static let passwordResetDone = """
        {% extends "registration/base.html" %}
        {% block title %}Password reset sent{% endblock %}
        {% block content %}
        <h1>Password reset sent</h1>
        <p>If an account uses that address, an email with a link to choose a new password is on its way.</p>
        <p>Nothing after a few minutes? Check the address you typed and your spam folder.</p>
        {% endblock %}
        """

    static let passwordResetConfirm = """
        {% extends "registration/base.html" %}
        {% block title %}Enter new password{% endblock %}
        {% block content %}
        {% if validlink %}
        <h1>Enter new password</h1>
        \(errors)
        <form method="post">
        {{ csrf_input }}
        <label for="id_new_password1">New password</label>
        <input type="password" name="new_password1" id="id_new_password1" autocomplete="new-password" autofocus required>
        {% if help_texts %}<ul class="help">{% for text in help_texts %}<li>{{ text }}</li>{% endfor %}</ul>{% endif %}
        <label for="id_new_password2">Confirm password</label>
        <input type="password" name="new_password2" id="id_new_password2" autocomplete="new-password" required>
        <button type="submit">Change my password</button>
        </form>
        {% else %}
        <h1>Link expired</h1>
        <p>This link cannot be used: it has expired, or it was used already.
        <a href="{{ url_for('auth.password_reset') }}">Ask for a new one</a>.</p>
        {% endif %}
        {% endblock %}
        """

    static let passwordResetComplete = """
        {% extends "registration/base.html" %}
        {% block title %}Password reset complete{% endblock %}
        {% block content %}
        <h1>Password reset complete</h1>
        <p>Your new password is set; you can log in with it now.</p>
        <p><a href="{{ url_for('auth.login') }}">Log in</a></p>
        {% endblock %}
        """

    static let passwordResetEmail = """
        Someone asked to reset the password of the account "{{ username }}" on {{ site_name }}.

        To choose a new password, open this link:

        {{ reset_url }}

        The link works once, for a limited time. If the request was not yours, ignore this email:
        your password stays as it is.

        """

    static let passwordResetSubject = "Choose a new password for {{ site_name }}"
}
