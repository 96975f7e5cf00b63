"""Input and output serializers of the accounts API (names are unique: they become schema components)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from sichtbar.api.fields import CleanCharField, IdRelatedField

from .models import ApiToken, Department, Invitation, Language, Location, Role, ScimToken, User


class DepartmentRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name"]
        read_only_fields = fields


class LocationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Location
        fields = ["id", "name", "city"]
        read_only_fields = fields


class UserOutputSerializer(serializers.ModelSerializer):
    department = DepartmentRefSerializer(allow_null=True)
    location = LocationRefSerializer(allow_null=True)
    full_name = serializers.CharField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "first_name",
            "last_name",
            "full_name",
            "role",
            "department",
            "location",
            "language",
            "is_active",
            "date_joined",
            "last_login",
        ]
        read_only_fields = fields


class UserRefSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField()

    class Meta:
        model = User
        fields = ["id", "full_name"]
        read_only_fields = fields


class LoginInputSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class SsoConfigOutputSerializer(serializers.Serializer):
    enabled = serializers.BooleanField()
    label = serializers.CharField(  # type: ignore[assignment]  # DRF stubs: Field.label
        help_text=_("Button text, e.g. the identity provider's name.")
    )
    login_url = serializers.CharField(allow_null=True)


class AuthConfigOutputSerializer(serializers.Serializer):
    sso = SsoConfigOutputSerializer()
    password_login = serializers.BooleanField()


class CsrfOutputSerializer(serializers.Serializer):
    csrf_token = serializers.CharField()


class MeUpdateInputSerializer(serializers.Serializer):
    first_name = CleanCharField(max_length=150, required=False, allow_blank=True)
    last_name = CleanCharField(max_length=150, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=Language.choices, required=False)


class PasswordResetInputSerializer(serializers.Serializer):
    email = serializers.EmailField()


class DetailOutputSerializer(serializers.Serializer):
    detail = serializers.CharField()


class PasswordResetConfirmInputSerializer(serializers.Serializer):
    uid = serializers.CharField()
    token = serializers.CharField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class InvitationPreviewOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invitation
        fields = ["email", "first_name", "last_name", "role", "expires_at"]
        read_only_fields = fields


class InvitationAcceptInputSerializer(serializers.Serializer):
    token = serializers.CharField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class InvitationOutputSerializer(serializers.ModelSerializer):
    department = DepartmentRefSerializer(allow_null=True)
    location = LocationRefSerializer(allow_null=True)
    invited_by = UserRefSerializer(allow_null=True)
    email_sent_at = serializers.DateTimeField(source="mail.sent_at", allow_null=True, read_only=True)
    email_status = serializers.CharField(source="mail.status", allow_null=True, read_only=True)

    language = serializers.ChoiceField(
        choices=Language.choices,
        allow_blank=True,
        read_only=True,
        help_text="The invitee's language; empty: the company default.",
    )

    class Meta:
        model = Invitation
        fields = [
            "id",
            "email",
            "first_name",
            "last_name",
            "role",
            "department",
            "location",
            "status",
            "invited_by",
            "created_at",
            "expires_at",
            "language",
            "email_sent_at",
            "email_status",
            "accepted_at",
        ]
        read_only_fields = fields


class InvitationCreateInputSerializer(serializers.Serializer):
    email = serializers.EmailField()
    first_name = CleanCharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = CleanCharField(max_length=150, required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=Role.choices, default=Role.EMPLOYEE)
    department = IdRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True, default=None
    )
    location = IdRelatedField(queryset=Location.objects.all(), required=False, allow_null=True, default=None)
    language = serializers.ChoiceField(
        choices=Language.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="The invitee's language for the invitation mail and the account; empty: the company "
        "default.",
    )


class UserUpdateInputSerializer(serializers.Serializer):
    first_name = CleanCharField(max_length=150, required=False, allow_blank=True)
    last_name = CleanCharField(max_length=150, required=False, allow_blank=True)
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    department = IdRelatedField(queryset=Department.objects.all(), required=False, allow_null=True)
    location = IdRelatedField(queryset=Location.objects.all(), required=False, allow_null=True)
    is_active = serializers.BooleanField(required=False)


class DepartmentOutputSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Department
        fields = ["id", "name", "member_count"]
        read_only_fields = fields


class DepartmentInputSerializer(serializers.Serializer):
    name = CleanCharField(max_length=120)


class LocationOutputSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Location
        fields = ["id", "name", "city", "country", "member_count"]
        read_only_fields = fields


class LocationInputSerializer(serializers.Serializer):
    name = CleanCharField(max_length=120)
    city = serializers.CharField(max_length=120)
    country = serializers.RegexField(r"^[A-Za-z]{2}$", default="DE", required=False)


class LocationUpdateInputSerializer(LocationInputSerializer):
    name = CleanCharField(max_length=120, required=False)
    city = serializers.CharField(max_length=120, required=False)
    country = serializers.RegexField(r"^[A-Za-z]{2}$", required=False)


class OrganisationImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("CSV with the columns department, location, city, country."))


class OrganisationImportErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    message = serializers.CharField()


class OrganisationImportOutputSerializer(serializers.Serializer):
    created_departments = serializers.IntegerField()
    created_locations = serializers.IntegerField()
    skipped = serializers.IntegerField()
    errors = OrganisationImportErrorSerializer(many=True)  # type: ignore[assignment]


class ApiTokenOutputSerializer(serializers.ModelSerializer):
    id = serializers.CharField(
        source="token_key", help_text=_("The token's public prefix; use it to revoke.")
    )

    class Meta:
        model = ApiToken
        fields = ["id", "name", "token_key", "created", "expiry", "last_used_at"]
        read_only_fields = fields


class ApiTokenCreatedOutputSerializer(ApiTokenOutputSerializer):
    token = serializers.CharField(help_text=_("The secret. It is shown only once."))

    class Meta(ApiTokenOutputSerializer.Meta):
        fields = [*ApiTokenOutputSerializer.Meta.fields, "token"]
        read_only_fields = fields


class ApiTokenCreateInputSerializer(serializers.Serializer):
    name = CleanCharField(max_length=100)
    expires_in_days = serializers.IntegerField(min_value=1, max_value=730, allow_null=True, default=90)


class ScimTokenOutputSerializer(serializers.ModelSerializer):
    created_by = serializers.SerializerMethodField(help_text=_("Who created the token (empty: a command)."))
    last_used_at = serializers.DateTimeField(
        allow_null=True, read_only=True, help_text=_("Last request with this token, to the minute.")
    )

    class Meta:
        model = ScimToken
        fields = ["id", "name", "created_at", "created_by", "last_used_at"]
        read_only_fields = fields

    def get_created_by(self, token: ScimToken) -> str:
        return token.created_by.full_name if token.created_by else ""


class ScimTokenCreatedOutputSerializer(ScimTokenOutputSerializer):
    token = serializers.CharField(help_text=_("The bearer token for the identity provider. Shown only once."))

    class Meta(ScimTokenOutputSerializer.Meta):
        fields = [*ScimTokenOutputSerializer.Meta.fields, "token"]
        read_only_fields = fields


class ScimTokenCreateInputSerializer(serializers.Serializer):
    name = CleanCharField(max_length=100, help_text=_("What the token is for, e.g. “Microsoft Entra ID”."))
