from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ModelBackendWithTeam(ModelBackend):
    """Django's backend, loading the logged-in user's team with the user.

    Every page shows the team in its header; this saves a query per request.
    """

    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("team")
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
