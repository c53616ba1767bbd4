-- How the console signs people in through a provider: JSON {"clientId": …, "scopes": […]}, the
-- console's public client at that provider. NULL: the provider offers no console sign-in, as
-- every provider did before.
ALTER TABLE providers ADD COLUMN console_sign_in TEXT;
