package dev.arena.service.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Lets an operator check that an admin token is accepted by this service. */
@Path("/admin/ping")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminPingResource {

    /** What the service answers: its name and who asked. */
    public record Pong(String service, String operator) {}

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @GET
    public Pong ping() {
        return new Pong(service, identity.getPrincipal().getName());
    }
}
