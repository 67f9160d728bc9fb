"""allauth's sign-up form, doing the same work for a known and an unknown address (issue 25,
item 7): a new account costs one password hash, so an address that already has one costs a
hash too, and the two answers take the same time with the production hasher."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # allauth only mails the owner; hash the typed password as a new account would.
            make_password(self.cleaned_data.get("password1", ""))
        return super().try_save(request)
