import type { Command } from '../context.js';
import { CliError, EXIT, UsageError } from '../exit.js';
import { chosenProfileName, profilesPath, readProfiles, removeProfile, resolveConnection, saveProfile } from '../profiles.js';
import { Remote } from '../remote.js';

export const login: Command = async (ctx) => {
  const v = ctx.values;
  const server = v.server ?? process.env.KEYWARD_SERVER;
  const clientId = v['client-id'] ?? process.env.KEYWARD_CLIENT_ID;
  if (!server) throw new UsageError('login needs --server URL (or KEYWARD_SERVER)');
  if (!/^https?:\/\//.test(server)) throw new UsageError(`--server takes the server's URL, such as https://keyward.example, not "${server}"`);
  if (!clientId) throw new UsageError('login needs --client-id ID (or KEYWARD_CLIENT_ID)');
  const clientSecret = v['client-secret-stdin'] ? (await ctx.readStdin()).trim() : process.env.KEYWARD_CLIENT_SECRET;
  if (!clientSecret) throw new UsageError('login needs the client secret on standard input with --client-secret-stdin (or in KEYWARD_CLIENT_SECRET)');
  const name = chosenProfileName(v.profile, process.env, readProfiles());
  const profile = { server: server.replace(/\/+$/, ''), clientId, clientSecret, ...(v.org ? { org: v.org } : {}) };
  // Nothing is saved that does not work: the token request proves the URL and the secret.
  await new Remote({ ...profile, source: `profile "${name}"` }).verify();
  saveProfile(name, profile);
  ctx.out.message(`logged in to ${profile.server} as ${clientId}; saved as profile "${name}" in ${profilesPath()}`, { profile: name, server: profile.server, clientId });
};

export const logout: Command = async (ctx) => {
  const name = chosenProfileName(ctx.values.profile, process.env, readProfiles());
  if (!removeProfile(name)) throw new CliError(`no profile named "${name}" in ${profilesPath()}`, EXIT.usage);
  ctx.out.message(`removed profile "${name}" (the client and its secret still exist on the server)`, { profile: name, removed: true });
};

/** Shows where the command would act and as whom, after checking the credentials still work. */
export const whoami: Command = async (ctx) => {
  const connection = resolveConnection({ profile: ctx.values.profile, org: ctx.values.org });
  const { scope } = await ctx.remote().verify();
  ctx.out.resource({ server: connection.server, clientId: connection.clientId, org: connection.org, from: connection.source, scope });
};
