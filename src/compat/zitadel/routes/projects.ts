import { Type } from '@sinclair/typebox';
import type { Workspace } from '../../../domain/model.js';
import type { Services } from '../../../services/index.js';
import { listDetails, projectResource, projectShape } from '../shapes.js';
import { BASE, MAX_LIMIT, ProjectParams, Rpc, SearchBody, detailsFor, detailsOfOne, operatorOf, window, type ZitadelApp } from './common.js';

/** Projects are workspaces. */
export function projectRoutes(app: ZitadelApp, services: Services) {
  app.post(
    `${BASE}/projects`,
    { schema: { operationId: 'zitadelAddProject', summary: 'AddProject', body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: true }), response: { 200: Rpc } } },
    async (request) => {
      const ws = await services.workspaces.create(request.ctx, { displayName: request.body.name });
      return { id: ws.id, details: await detailsOfOne(services, ws.orgId, projectResource(ws.id)) };
    },
  );

  app.post(`${BASE}/projects/_search`, { schema: { operationId: 'zitadelListProjects', summary: 'ListProjects', body: SearchBody, response: { 200: Rpc } } }, async (request) => {
    const body = request.body ?? {};
    const names = (body.queries ?? []).flatMap((q) => (q.nameQuery ? [q.nameQuery] : []));
    names.forEach((n) => operatorOf(n.method));
    const matches = (ws: Workspace) => names.every((n) => (operatorOf(n.method) === '=' ? ws.displayName === n.name : ws.displayName.includes(n.name)));
    // Newest first unless `asc`, as Zitadel lists; the names are matched before the offset counts.
    const { items, total } = await window(body.query, async (pageToken) => {
      const page = await services.workspaces.list(request.ctx, { pageSize: MAX_LIMIT, pageToken, descending: !body.query?.asc });
      return { ...page, items: page.items.filter(matches) };
    });
    const details = await detailsFor(services, request.ctx.orgId, items.map((ws) => projectResource(ws.id)));
    const result = items.map((ws) => projectShape(ws, details(projectResource(ws.id))));
    return { details: listDetails(total, result), result };
  });

  app.get(`${BASE}/projects/:projectId`, { schema: { operationId: 'zitadelGetProjectById', summary: 'GetProjectByID', params: ProjectParams, response: { 200: Rpc } } }, async (request) => {
    const ws = await services.workspaces.get(request.ctx, request.params.projectId);
    return { project: projectShape(ws, await detailsOfOne(services, ws.orgId, projectResource(ws.id))) };
  });

  app.put(
    `${BASE}/projects/:projectId`,
    { schema: { operationId: 'zitadelUpdateProject', summary: 'UpdateProject', params: ProjectParams, body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: true }), response: { 200: Rpc } } },
    async (request) => {
      const ws = await services.workspaces.update(request.ctx, request.params.projectId, { displayName: request.body.name });
      return { details: await detailsOfOne(services, ws.orgId, projectResource(ws.id)) };
    },
  );

  app.delete(`${BASE}/projects/:projectId`, { schema: { operationId: 'zitadelRemoveProject', summary: 'RemoveProject', params: ProjectParams, response: { 200: Rpc } } }, async (request) => {
    const ws = await services.workspaces.delete(request.ctx, request.params.projectId);
    return { details: await detailsOfOne(services, ws.orgId, projectResource(ws.id)) };
  });
}
