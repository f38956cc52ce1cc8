package dev.arena.matchmaker.transport;

import dev.arena.matchmaker.domain.Member;
import dev.arena.matchmaker.domain.RoomDetails;
import dev.arena.matchmaker.domain.RoomLifecycle;
import dev.arena.matchmaker.domain.RoomSummary;
import dev.arena.service.error.StoreUnavailableException;
import dev.arena.matchmaker.store.RoomStore;
import dev.arena.model.codes.ErrorCode;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.state.RoomState;
import dev.arena.service.error.ApiException;
import dev.arena.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Operators' view of the rooms in matchmaking, and a way to dissolve a stuck one. */
@Path("/admin/rooms")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminRoomsResource {

    /** At most this many rooms are listed (the list is for humans). */
    static final int LIST_LIMIT = 1000;

    /** A room in the list. */
    public record RoomLine(String roomId, int members, long nextDeadline) {}

    /** Rooms the matchmaker still acts on, grouped by state, with the count of each state. */
    public record RoomsOverview(int total, Map<String, Integer> counts, Map<String, List<RoomLine>> rooms) {}

    /** One member of a room: id, and name if the player's record still exists. */
    public record MemberLine(String id, String name) {}

    /** One room as stored. */
    public record RoomDetailsView(String roomId, String state, List<MemberLine> members, String nodeId,
            Long countdownDeadline, Long nextDeadline, Long created) {}

    /** The outcome of a dissolve: the members now queued again. */
    public record Dissolved(String roomId, List<String> requeued) {}

    private final RoomStore rooms;
    private final RoomLifecycle lifecycle;

    public AdminRoomsResource(RoomStore rooms, RoomLifecycle lifecycle) {
        this.rooms = rooms;
        this.lifecycle = lifecycle;
    }

    @GET
    public RoomsOverview list() {
        List<RoomSummary> summaries = redis(() -> rooms.rooms(LIST_LIMIT).await().atMost(RoomLifecycle.REDIS_TIMEOUT));
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, List<RoomLine>> byState = new LinkedHashMap<>();
        for (RoomState state : RoomState.values()) {
            List<RoomLine> lines = summaries.stream().filter(room -> room.state() == state)
                    .map(room -> new RoomLine(room.roomId(), room.members(), room.nextDeadline())).toList();
            counts.put(state.wire(), lines.size());
            byState.put(state.wire(), lines);
        }
        return new RoomsOverview(summaries.size(), counts, byState);
    }

    @GET
    @Path("{id}")
    public RoomDetailsView room(@PathParam("id") String roomId) {
        RoomDetails room = redis(() -> rooms.details(List.of(checked(roomId))).await().atMost(RoomLifecycle.REDIS_TIMEOUT))
                .get(0).orElseThrow(() -> unknown(roomId));
        return new RoomDetailsView(room.roomId(), room.state().wire(),
                room.members().stream().map(AdminRoomsResource::line).toList(), room.nodeId(),
                room.countdownDeadline(), room.nextDeadline(), room.created());
    }

    @POST
    @Path("{id}/dissolve")
    public Dissolved dissolve(@PathParam("id") String roomId) {
        Optional<List<String>> requeued = redis(() -> lifecycle.dissolve(checked(roomId)));
        return new Dissolved(roomId, requeued.orElseThrow(() -> unknown(roomId)));
    }

    private static MemberLine line(Member member) {
        return new MemberLine(member.id(), member.name().isEmpty() ? null : member.name());
    }

    // An id that cannot be a room id cannot name an existing room either.
    private static String checked(String roomId) {
        if (!RedisKeys.isValidId(roomId)) {
            throw unknown(roomId);
        }
        return roomId;
    }

    private static ApiException unknown(String roomId) {
        return new ApiException(ErrorCode.NOT_FOUND, "no room '" + (roomId.length() > 64 ? roomId.substring(0, 64) : roomId) + "'");
    }

    private static <T> T redis(Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw StoreUnavailableException.translate(e);
        }
    }
}
