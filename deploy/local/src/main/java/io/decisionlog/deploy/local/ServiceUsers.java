package io.decisionlog.deploy.local;

import io.decisionlog.events.TopicAccess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gives each service its own SCRAM user on a secured broker, allowed exactly its row of {@link TopicAccess}: what the
 * Strimzi KafkaUsers of deploy/k8s do in a cluster. Run as the operator at every start; both steps are idempotent.
 */
final class ServiceUsers {
    private static final int SCRAM_ITERATIONS = 8192;

    private ServiceUsers() {
    }

    static void create(Map<String, Object> operator, TransportSecurity security) {
        List<UserScramCredentialAlteration> users = security.servicePasswords().entrySet().stream()
                .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), user.getValue()))
                .toList();
        List<AclBinding> acls = TopicAccess.SERVICES.stream()
                .flatMap(access -> access.grants().stream().map(grant -> grant.binding(access.service())))
                .toList();
        try (Admin admin = Admin.create(operator)) {
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the services' Kafka users and ACLs: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the services' Kafka users", e);
        }
    }
}
