/** GET /api/workshops/:code/qr.svg: the join link as a QR code, to show on the projector. */
import { joinUrl } from '../../../../server/public-url.ts';
import { qrSvg } from '../../../../server/qr-code.ts';
import { api } from '../../../../server/workshop-server.ts';

export const prerender = false;

export const GET = api(({ request, params, server, address }) => {
  const workshop = server.workshopByTypedCode(params.code, address);
  const url = joinUrl(request, server.config, workshop.code);
  return new Response(qrSvg(url, `QR code of ${url}`), {
    headers: { 'content-type': 'image/svg+xml', 'cache-control': 'private, max-age=3600' },
  });
});
