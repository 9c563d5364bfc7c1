package org.iggyj.transport.http;

/**
 * The route table of http-api.md §5, wired to the route classes. Built once per transport.
 */
final class Routes {

    private Routes() {
    }

    static Router build(TokenService tokens) {
        Router r = new Router();
        AuthRoutes auth = new AuthRoutes(tokens);
        r.get("/", c -> Response.text("Iggy API", "text/plain; charset=utf-8"))
                .get("/ping", c -> Response.text("pong", "text/plain; charset=utf-8"))
                .post("/users/login", auth::login)
                .post("/personal-access-tokens/login", auth::loginWithToken)
                .post("/users/refresh-token", auth::refresh)
                .delete("/users/logout", auth::logout)
                .get("/stats", SystemRoutes::stats)
                .get("/clients", SystemRoutes::clients)
                .get("/clients/{}", SystemRoutes::client)
                .get("/cluster/metadata", SystemRoutes::clusterMetadata)
                .post("/snapshot", SystemRoutes::snapshot);
        StreamRoutes.register(r);
        MessageRoutes.register(r);
        UserRoutes.register(r);
        return r;
    }
}
