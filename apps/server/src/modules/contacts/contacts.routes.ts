import { Type } from 'typebox';
import { contextOf, type App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { IdParams, errors } from '../../platform/schemas.js';
import { ListQuery, Page } from '../../platform/pagination.js';
import {
  Contact,
  ContactNote,
  ContactPatch,
  addContactNote,
  getContact,
  listContactNotes,
  listContacts,
  updateContact,
} from './index.js';
import { ConversationView, presentConversation, CONVERSATION_SELECT } from '../conversations/index.js';

export function contactRoutes(app: App, kernel: Kernel) {
  const tags = ['contacts'];
  app.get(
    '/api/v1/contacts',
    {
      config: { permission: 'contacts.read' },
      schema: {
        tags,
        querystring: Type.Intersect([
          ListQuery,
          Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }),
        ]),
        response: { 200: Page(Contact), ...errors },
      },
    },
    async (request) =>
      listContacts(
        kernel,
        request.principal!.tenantId,
        request.query.limit ?? 50,
        request.query.cursor,
        request.query.q,
      ),
  );
  app.get(
    '/api/v1/contacts/:id',
    {
      config: { permission: 'contacts.read' },
      schema: { tags, params: IdParams, response: { 200: Type.Object({ contact: Contact }), ...errors } },
    },
    async (request) => ({
      contact: await getContact(kernel, request.principal!.tenantId, request.params.id),
    }),
  );
  app.patch(
    '/api/v1/contacts/:id',
    {
      config: { permission: 'contacts.manage' },
      schema: {
        tags,
        params: IdParams,
        body: ContactPatch,
        response: { 200: Type.Object({ contact: Contact }), ...errors },
      },
    },
    async (request) => ({
      contact: await updateContact(kernel, contextOf(request), request.params.id, request.body),
    }),
  );
  app.get(
    '/api/v1/contacts/:id/conversations',
    {
      config: { permission: 'contacts.read' },
      schema: {
        tags,
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(ConversationView) }), ...errors },
      },
    },
    async (request) => {
      const tenantId = request.principal!.tenantId;
      await getContact(kernel, tenantId, request.params.id);
      const rows = await kernel.db.tenantTx(tenantId, (sql) =>
        sql.query(
          `${CONVERSATION_SELECT} WHERE c.tenant_id = $1 AND c.contact_id = $2 ORDER BY c.created_at DESC LIMIT 100`,
          [tenantId, request.params.id],
        ),
      );
      return { items: rows.map(presentConversation) };
    },
  );
  app.get(
    '/api/v1/contacts/:id/notes',
    {
      config: { permission: 'contacts.read' },
      schema: {
        tags,
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(ContactNote) }), ...errors },
      },
    },
    async (request) => ({
      items: await listContactNotes(kernel, request.principal!.tenantId, request.params.id),
    }),
  );
  app.post(
    '/api/v1/contacts/:id/notes',
    {
      config: { permission: 'contacts.manage' },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }) }),
        response: { 201: Type.Object({ note: ContactNote }), ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        note: await addContactNote(kernel, contextOf(request), request.params.id, request.body.body),
      }),
  );
}
