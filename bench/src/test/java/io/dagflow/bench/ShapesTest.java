package io.dagflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagflow.model.Dag;
import io.dagflow.model.WorkflowDefinition;
import org.junit.jupiter.api.Test;

class ShapesTest {

    @Test
    void wideFeedsEveryIndependentNodeIntoTheLastOne() {
        GeneratedDag wide = Shapes.wide(5);

        assertThat(wide.dependencies()).hasNumberOfRows(5);
        for (int i = 0; i < 4; i++) {
            assertThat(wide.dependencies()[i]).isEmpty();
        }
        assertThat(wide.dependencies()[4]).containsExactly(0, 1, 2, 3);
        assertThat(wide.edges()).isEqualTo(4);
    }

    @Test
    void chainLinksEachNodeToThePreviousOne() {
        GeneratedDag chain = Shapes.chain(4);

        assertThat(chain.dependencies()[0]).isEmpty();
        assertThat(chain.dependencies()[1]).containsExactly(0);
        assertThat(chain.dependencies()[3]).containsExactly(2);
        assertThat(chain.edges()).isEqualTo(3);
    }

    @Test
    void diamondConnectsEveryNodeToTheWholePreviousLayer() {
        GeneratedDag diamond = Shapes.diamond(9, 3);

        assertThat(diamond.dependencies()[2]).isEmpty();
        assertThat(diamond.dependencies()[3]).containsExactly(0, 1, 2);
        assertThat(diamond.dependencies()[8]).containsExactly(3, 4, 5);
        assertThat(diamond.edges()).isEqualTo(18);
    }

    @Test
    void diamondRejectsANodeCountThatIsNotWholeLayers() {
        assertThatThrownBy(() -> Shapes.diamond(10, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of width (3)");
    }

    @Test
    void randomDagsRepeatForTheSameSeedAndPointOnlyBackwards() {
        GeneratedDag first = Shapes.random(2_000, 0.5, 4, 7);
        GeneratedDag again = Shapes.random(2_000, 0.5, 4, 7);
        GeneratedDag other = Shapes.random(2_000, 0.5, 4, 8);

        assertThat(again.dependencies()).isDeepEqualTo(first.dependencies());
        assertThat(java.util.Arrays.deepEquals(other.dependencies(), first.dependencies())).isFalse();
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.dependencies()[i]).hasSizeLessThanOrEqualTo(4).doesNotHaveDuplicates();
            for (int parent : first.dependencies()[i]) {
                assertThat(parent).isBetween(0, i - 1);
            }
        }
        // Four draws at one half each: about two edges a node.
        assertThat(first.edges()).isBetween(3_600L, 4_400L);
    }

    @Test
    void generatedTextReadsBackAsTheSameDag() {
        GeneratedDag shape = Shapes.random(300, 0.6, 3, 1);

        WorkflowDefinition read = DefinitionReaders.LOADER.read(shape.toJson());
        Dag dag = Dag.of(read);
        Dag plain = Dag.of(DefinitionReaders.JSON_TREE.read(shape.toJson()));

        assertThat(read.name()).isEqualTo(shape.name());
        assertThat(dag.size()).isEqualTo(shape.size());
        for (int i = 0; i < shape.size(); i++) {
            assertThat(dag.node(i).id()).isEqualTo(GeneratedDag.id(i));
            assertThat(dag.node(i).handler()).isEqualTo(GeneratedDag.HANDLER);
            assertThat(dag.dependenciesOf(i)).containsExactly(shape.dependencies()[i]);
            assertThat(plain.dependenciesOf(i)).containsExactly(shape.dependencies()[i]);
        }
        assertThat(Dag.of(shape.toDefinition()).size()).isEqualTo(shape.size());
    }

    @Test
    void nodeIdsMapBackToTheirIndex() {
        assertThat(GeneratedDag.index(GeneratedDag.id(0))).isZero();
        assertThat(GeneratedDag.index(GeneratedDag.id(99_999))).isEqualTo(99_999);
    }
}
