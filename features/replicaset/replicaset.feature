Feature: ReplicaSet (tutorial section 2)
  A ReplicaSet keeps the number of pod replicas its spec asks for among the pods its selector
  matches: it creates pods from its template when there are too few and deletes some when there
  are too many ("多退少补"). The tutorial's transcripts came from kubectl 1.11; the expectations
  below are those of kubectl and Kubernetes 1.32 (for example `kubectl edit` now reports
  `replicaset.apps/myapp edited`, where 1.11 said `replicaset.extensions`).

  Background:
    Given the tutorial cluster

  @RS-1 @CTRL-1
  Scenario: Create a ReplicaSet of two myapp pods
    When I run "kubectl create -f rs-damo.yaml"
    Then the output is "replicaset.apps/myapp created"
    When 23 seconds pass
    And I run "kubectl get rs"
    Then the output is:
      """
      NAME    DESIRED   CURRENT   READY   AGE
      myapp   2         2         2       23s
      """
    When I run "kubectl get pods"
    Then the output shows:
      | NAME           | READY | STATUS  | RESTARTS | AGE |
      | myapp-{suffix} | 1/1   | Running | 0        | 23s |
      | myapp-{suffix} | 1/1   | Running | 0        | 23s |
    # The template's own name (myapp-pod) is ignored: pods are named <replicaset>-<5 random characters>.
    When I run "kubectl get pods -o jsonpath={.items[0].metadata.name}" and remember the output as POD
    And I run "kubectl describe pod $POD"
    Then the output includes:
      """
      Name:             $POD
      Namespace:        default
      Priority:         0
      Service Account:  default
      Node:             node{int}/192.168.130.10{int}
      Start Time:       Thu, 06 Sep 2018 06:57:00 +0000
      Labels:           app=myapp
                        environment=qa
                        release=canary
      """
    And the output includes:
      """
      Controlled By:  ReplicaSet/myapp
      """
    When I run "curl $(kubectl get pod $POD -o jsonpath={.status.podIP})"
    Then the output is:
      """
      Hello MyApp | Version: v1 | <a href="hostname.html">Pod Name</a>
      """
    When I run "curl $(kubectl get pod $POD -o jsonpath={.status.podIP})/hostname.html"
    Then the output is "$POD"

  @RS-2
  Scenario: A deleted pod is replaced at once by a new one with a new name
    When I run "kubectl create -f rs-damo.yaml"
    And 23 seconds pass
    And I run "kubectl get pods -o jsonpath={.items[0].metadata.name}" and remember the output as POD
    # kubectl waits until the pod is gone; myapp's nginx stops within a second of SIGTERM.
    And I run "kubectl delete pods $POD"
    Then the output is:
      """
      pod "$POD" deleted
      """
    When 9 seconds pass
    And I run "kubectl get pods"
    Then the output shows, in any order:
      | NAME           | READY | STATUS  | RESTARTS | AGE |
      | myapp-{suffix} | 1/1   | Running | 0        | 33s |
      | myapp-{suffix} | 1/1   | Running | 0        | 10s |
    And the output does not contain "$POD"
    And 2 pods match "app=myapp,release=canary"

  @RS-3
  Scenario: A bare pod that comes to match the selector is adopted, and the surplus pod deleted
    When I run "kubectl create -f rs-damo.yaml"
    And 7 minutes pass
    And I run "kubectl create -f pod-test.yaml"
    Then the output is "pod/pod-test created"
    When 13 seconds pass
    And I run "kubectl get pods --show-labels"
    Then the output shows, in any order:
      | NAME           | READY | STATUS  | RESTARTS | AGE   | LABELS                                  |
      | myapp-{suffix} | 1/1   | Running | 0        | 7m13s | app=myapp,environment=qa,release=canary |
      | myapp-{suffix} | 1/1   | Running | 0        | 7m13s | app=myapp,environment=qa,release=canary |
      | pod-test       | 1/1   | Running | 0        | 13s   | app=myapp,tier=frontend                 |
    When I run "kubectl label pods pod-test release=canary"
    Then the output is "pod/pod-test labeled"
    # The ReplicaSet adopts pod-test, finds three pods where it wants two, and deletes the one that
    # has been ready the shortest time on the busiest node: pod-test. The tutorial's kubectl caught
    # it a moment later, with its container already stopped (0/1).
    When I run "kubectl get pods --show-labels"
    Then the output shows, in any order:
      | NAME           | READY | STATUS      | LABELS                                  |
      | myapp-{suffix} | 1/1   | Running     | app=myapp,environment=qa,release=canary |
      | myapp-{suffix} | 1/1   | Running     | app=myapp,environment=qa,release=canary |
      | pod-test       | 1/1   | Terminating | app=myapp,release=canary,tier=frontend  |
    And the pod "pod-test" has:
      """
      metadata:
        ownerReferences:
        - apiVersion: apps/v1
          kind: ReplicaSet
          name: myapp
          controller: true
          blockOwnerDeletion: true
      """
    When I run "kubectl get events --field-selector reason=SuccessfulDelete"
    Then the output is:
      """
      LAST SEEN   TYPE     REASON             OBJECT             MESSAGE
      0s          Normal   SuccessfulDelete   replicaset/myapp   Deleted pod: pod-test
      """
    When the cluster settles
    Then the pod "pod-test" does not exist
    And 2 pods match "app=myapp,release=canary"

  @RS-4
  Scenario: Scale up by editing replicas from 2 to 5
    When I run "kubectl create -f rs-damo.yaml"
    And 9 minutes pass
    And I run "kubectl edit rs myapp" changing "replicas: 2" to "replicas: 5"
    Then the output is "replicaset.apps/myapp edited"
    When 16 seconds pass
    And I run "kubectl get pods"
    Then the output shows, in any order:
      | NAME           | READY | STATUS  | RESTARTS | AGE   |
      | myapp-{suffix} | 1/1   | Running | 0        | 9m16s |
      | myapp-{suffix} | 1/1   | Running | 0        | 9m16s |
      | myapp-{suffix} | 1/1   | Running | 0        | 16s   |
      | myapp-{suffix} | 1/1   | Running | 0        | 16s   |
      | myapp-{suffix} | 1/1   | Running | 0        | 16s   |
    When I run "kubectl scale rs myapp --replicas=3"
    Then the output is "replicaset.apps/myapp scaled"
    When the cluster settles
    Then 3 pods match "app=myapp"
    When I run:
      """
      kubectl patch rs myapp -p '{"spec":{"replicas":4}}'
      """
    Then the output is "replicaset.apps/myapp patched"
    When the cluster settles
    And I run "kubectl get rs myapp"
    Then the output shows:
      | NAME  | DESIRED | CURRENT | READY |
      | myapp | 4       | 4       | 4     |

  @RS-5
  Scenario: Changing the template's image changes only pods created afterwards (a manual gray release)
    When I run "kubectl create -f rs-damo.yaml"
    And 11 minutes pass
    And I run "kubectl edit rs myapp" changing "image: ikubernetes/myapp:v1" to "image: ikubernetes/myapp:v2"
    Then the output is "replicaset.apps/myapp edited"
    When I run "kubectl get rs -o wide"
    Then the output is:
      """
      NAME    DESIRED   CURRENT   READY   AGE   CONTAINERS        IMAGES                 SELECTOR
      myapp   2         2         2       11m   myapp-container   ikubernetes/myapp:v2   app=myapp,release=canary
      """
    # The running pods keep the template they were created from.
    When I run "kubectl get pods -o jsonpath={.items[0].metadata.name}" and remember the output as OLD
    And I run "curl $(kubectl get pod $OLD -o jsonpath={.status.podIP})"
    Then the output is:
      """
      Hello MyApp | Version: v1 | <a href="hostname.html">Pod Name</a>
      """
    When I run "kubectl delete pod $OLD"
    And the cluster settles
    And I run:
      """
      curl $(kubectl get pods -o jsonpath='{.items[?(@.spec.containers[0].image=="ikubernetes/myapp:v2")].status.podIP}')
      """
    Then the output is:
      """
      Hello MyApp | Version: v2 | <a href="hostname.html">Pod Name</a>
      """

  @RS-6
  Scenario: A ReplicationController keeps replicas too, but only with an equality-based selector
    When I run "kubectl create -f rc-demo.yaml"
    Then the output is "replicationcontroller/myapp-rc created"
    When 30 seconds pass
    And I run "kubectl get rc"
    Then the output is:
      """
      NAME       DESIRED   CURRENT   READY   AGE
      myapp-rc   2         2         2       30s
      """
    When I run "kubectl get pods -l app=myapp-rc -o jsonpath={.items[0].metadata.name}" and remember the output as POD
    And I run "kubectl delete pod $POD"
    And the cluster settles
    Then 2 pods match "app=myapp-rc"
    When I run "kubectl create -f rc-set-based.yaml"
    Then the command fails with:
      """
      Error from server (BadRequest): error when creating "rc-set-based.yaml": ReplicationController in version "v1" cannot be handled as a ReplicationController: json: cannot unmarshal array into Go struct field ReplicationControllerSpec.spec.selector of type string
      """

  @RS-6
  Scenario: A ReplicaSet also accepts set-based selectors
    When I run "kubectl create -f rs-set-based.yaml"
    And the cluster settles
    And I run "kubectl get rs frontend -o wide"
    Then the output shows:
      | NAME     | DESIRED | CURRENT | READY | SELECTOR                                                    |
      | frontend | 3       | 3       | 3     | app,environment notin (dev),tier in (frontend,web)          |
    And 3 pods match "tier in (frontend,web),environment notin (dev),app"
    # A bare pod inside the set is adopted (and the surplus deleted); one outside it is left alone.
    When I run "kubectl run inside --image=nginx:1.27 --labels=app=shop,tier=web,environment=qa"
    And I run "kubectl run outside --image=nginx:1.27 --labels=app=shop,tier=web,environment=dev"
    And the cluster settles
    Then 3 pods match "tier in (frontend,web),environment notin (dev),app"
    And 1 pod matches "environment=dev"
